"""Visits through HTTP: add, edit, delete and the checks on what is typed."""
from webapp.models import Visit

from .helpers import ago, new_uuid


def test_visits_add_edit_delete_and_validation(client, ana):
    r = client.post("/report/visits", data={"visit_date": ago(3).isoformat(), "practitioner": "  Physio ",
                                            "note": "Keep walking"})
    assert r.status_code == 302
    visit = Visit.get(Visit.user == ana)
    assert (visit.visit_date, visit.practitioner, visit.note) == (ago(3), "Physio", "Keep walking")
    assert len(visit.uuid) == 36
    bad = client.post("/report/visits", data={"visit_date": "soon", "practitioner": ""})
    assert bad.status_code == 422
    assert b'id="visit_date-error">Enter a date like' in bad.data and b'id="practitioner-error">' in bad.data
    assert client.get(f"/report/visits/{visit.uuid}/edit").status_code == 200
    r = client.post(f"/report/visits/{visit.uuid}/edit", data={"visit_date": ago(2).isoformat(),
                                                                "practitioner": "GP", "note": ""})
    assert r.status_code == 302
    assert Visit.get_by_id(visit.id).practitioner == "GP" and Visit.get_by_id(visit.id).uuid == visit.uuid
    assert client.post(f"/report/visits/{visit.uuid}/edit", data={"visit_date": "", "practitioner": "GP"}).status_code == 422
    assert client.post(f"/report/visits/{visit.uuid}/delete").status_code == 302
    assert Visit.select().count() == 0
    assert client.get(f"/report/visits/{new_uuid()}/edit").status_code == 404
