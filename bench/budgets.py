"""Every budget in product.md beside its measured figure."""
from . import scale, throughput


def _row(budget, measured, met):
    mark = "met" if met is True else "NOT MET" if met is False else "n/a"
    return f"| {budget} | {measured} | {mark} |"


def table(r):
    t, b = r.get("throughput", {}), r.get("browser", {})
    rows = ["| budget | measured | |", "|---|---|---|"]
    weight = b.get("page_weight", {})
    for label, figures in weight.items():
        if "first_visit_bytes" in figures:
            kb = figures["first_visit_bytes"] / 1024
            rows.append(_row(f"first visit to {label} ≤ 60 KB transferred", f"{kb:.1f} KB", kb <= 60))
    repeat = weight.get("repeat visit (installed)")
    if repeat:
        rows.append(_row("repeat visit from the home screen: shell with no network",
                         f"{repeat['static_network_bytes']} B of static files from the network; "
                         f"offline reload works: {repeat['offline_shell_works']}",
                         repeat["static_network_bytes"] == 0 and repeat["offline_shell_works"]))
    for page, scores in r.get("lighthouse", {}).items():
        if isinstance(scores, dict) and "performance" in scores:
            four = {k: scores[k] for k in ("performance", "accessibility", "best-practices", "seo")}
            low, high = scores.get("performance_range", [scores["performance"]] * 2)
            rows.append(_row(f"Lighthouse mobile 100/100/100/100 (median of {scores.get('runs', 1)} runs): {page}",
                             " / ".join(str(v) for v in four.values())
                             + (f" (performance {low}–{high} across the runs)" if low != high else "")
                             + (f" (below 90: {', '.join(scores['failed_audits'])})" if scores["failed_audits"] else ""),
                             all(v == 100 for v in four.values())))
        else:
            rows.append(_row(f"Lighthouse: {page}", str(scores)[:120], None))
    axe = b.get("axe", {})
    failing = {path: v for path, v in axe.items() if v}
    if axe:
        rows.append(_row(f"axe: zero violations on every page ({len(axe)} pages)",
                         "0 violations" if not failing else str(failing), not failing))
    if t:
        rows += throughput.rows(t, _row)
    for backend, inproc in r.get("inprocess", {}).items():
        rows.append(_row(f"Today in-process, median over three years of data ≤ 2 ms (aim 1 ms), {backend}",
                         f"{inproc['today_ms']} ms", inproc["today_ms"] <= 2))
        rows.append(_row(f"/red-flags in-process, signed in (kept like every page: what every kept page pays), "
                         f"median ≤ 0.8 ms (aim 0.5 ms), {backend}",
                         f"{inproc['red_flags_ms']} ms; drawn for someone signed out (base template, banner, "
                         f"navigation) {inproc.get('red_flags_drawn_ms', '?')} ms", inproc["red_flags_ms"] <= 0.8))
        rows.append(_row(f"every other signed-in page in-process, median (no budget of its own), {backend}",
                         ", ".join(f"{name} {ms} ms" for name, ms in inproc.get("pages_ms", {}).items()), None))
        if inproc.get("changed_ms"):
            rows.append(_row(f"every page just after the person's records changed (drawn afresh; no budget of its own), "
                             f"{backend}", ", ".join(f"{name} {ms} ms" for name, ms in inproc["changed_ms"].items()), None))
        if "caseload_ms" in inproc:
            rows.append(_row(f"caseload of 200 linked people ≤ 50 ms in-process, {backend}",
                             f"{inproc['caseload_ms']} ms median of 7", inproc["caseload_ms"] <= 50))
    practice = r.get("practice", {})
    for backend, p in (practice.items() if "caseload_200_ms" not in practice else [("sqlite", practice)]):
        worn = p.get("worn")
        rows.append(_row(f"caseload of 200 people in-process ≤ 50 ms (kept / after everyone's records changed / "
                         f"sorted{' / kept after a year of views' if worn else ''}), {backend}",
                         f"{p['caseload_200_ms']} / {p['caseload_200_cold_ms']} / {p['caseload_200_sorted_ms']}"
                         f"{' / ' + str(worn['caseload_200_ms']) if worn else ''} ms "
                         f"= {p['ratio_to_budget']:.0%} of the budget (CPU {p.get('caseload_200_cold_cpu_ms', '?')} ms "
                         f"after the change); {p['ratio_to_red_flags']}× /red-flags ({p['red_flags_ms']} ms), "
                         f"{p['cold_ratio_to_red_flags']}× after the change; one person's page {p['person_page_ms']} ms"
                         f"{(' (' + str(worn['person_page_ms']) + ' ms after the year, ' + format(worn['looks'], ',') + ' looks)') if worn else ''}; "
                         f"statements {p.get('statements', '?')}", p["ratio_to_budget"] <= 1))
    for page in ("sign-in", "today"):
        scores = r.get("lighthouse", {}).get(page)
        if isinstance(scores, dict) and "lcp_ms" in scores:
            low, high = scores.get("lcp_range_ms", [scores["lcp_ms"]] * 2)
            rows.append(_row(f"LCP ≤ 1.0 s (aim 0.8 s), Lighthouse mobile (simulated, median of {scores.get('runs', 1)} "
                             f"runs): {page}", f"{scores['lcp_ms'] / 1000:.2f} s (runs {low / 1000:.2f}–{high / 1000:.2f} s)",
                             scores["lcp_ms"] <= 1000))
    for backend, s in r.get("sync_load", {}).items():
        if "skipped" in s:
            rows.append(_row(f"sync load on {backend}", s["skipped"], None))
            continue
        text = (f"{s['records_per_s']} records/s, p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms, max {s['max_ms']} ms; "
                f"{s['acknowledged']} acknowledged, {s['errors']} errors, {s['lost']} lost, "
                f"{s['duplicates']} duplicates")
        clean = s["errors"] == 0 and s["lost"] == 0 and s["duplicates"] == 0
        if backend == "sqlite":
            rows.append(_row(f"sync, {s['clients']} clients × batches of {s['batch']}, SQLite: ≥ 1,500 records/s, "
                             "p95 < 250 ms, 0 lost, 0 duplicated", text,
                             clean and s["records_per_s"] >= 1500 and s["p95_ms"] < 250))
        else:
            rows.append(_row(f"sync, {s['clients']} clients × batches of {s['batch']}, {backend} (beside SQLite; "
                             "0 lost, 0 duplicated)", text, clean))
    for backend, report in r.get("report_ms", {}).items():
        for label, ms in report.items():
            budget, met = ("≤ 30 ms", ms <= 30) if label == "default range" else ("< 150 ms", ms < 150)
            rows.append(_row(f"report over three years of daily data, {label} {budget} in-process, {backend}",
                             f"{ms} ms median of 7", met))
    replay = b.get("replay")
    if replay:
        rows.append(_row("1,000 queued offline writes replay < 5 s, 0 duplicates, 0 losses",
                         f"{replay['seconds']} s, {replay['duplicates']} duplicates, {replay['lost']} lost "
                         f"({replay['stored']} stored of {replay['queued']})",
                         replay["seconds"] < 5 and replay["duplicates"] == 0 and replay["lost"] == 0))
    for backend, c in r.get("concurrency", {}).items():
        if "skipped" in c:
            rows.append(_row(f"concurrency on {backend}", c["skipped"], None))
            continue
        rows.append(_row(f"{c['clients']} clients syncing and logging for {c['seconds']} s on {backend}: "
                         "0 errors, 0 lost", f"{c['requests']} requests, {c['errors']} errors, "
                         f"{c['acknowledged']} writes acknowledged, {c['lost']} lost, {c['duplicates']} duplicates",
                         c["errors"] == 0 and c["lost"] == 0 and c["duplicates"] == 0))
    forgot = r.get("forgot")
    if forgot:
        low, high = forgot["difference_95ci_ms"]
        rows.append(_row("\"Forgot your password?\": a registered email answers no slower than an unknown one "
                         "(95% interval of the median difference reaches 0, or stays within 0.5 ms)",
                         f"{forgot['registered_median_ms']} vs {forgot['unknown_median_ms']} ms, difference "
                         f"{forgot['difference_ms']} ms ({low} to {high}) over {forgot['pairs']} pairs, "
                         f"{forgot['mails_sent']} mails sent", low <= 0 or high <= 0.5))
    several = r.get("scale")
    if several and "skipped" in several:
        rows.append(_row("several servers on one PostgreSQL and one Redis", several["skipped"], False))
    elif several:
        rows += scale.rows(several, _row)
    return "\n".join(rows)
