"""Days and numbers in the words the stage engine's reasons use ("yesterday", "on 3 Nov", "3.4",
"2 days"). Plain functions, no Flask."""
import datetime as dt


def day_words(day, today):
    if day == today:
        return "today"
    if day == today - dt.timedelta(days=1):
        return "yesterday"
    return f"{day.day} {day:%b}"


def on_day(day, today):
    """ "today", "yesterday" or "on 3 Nov", to follow a verb."""
    words = day_words(day, today)
    return words if words in ("today", "yesterday") else f"on {words}"


def num(value):
    """3.4 stays 3.4, 5.0 becomes 5."""
    return f"{value:.1f}".removesuffix(".0")


def plural(n, word):
    return f"{n} {word}{'' if n == 1 else 's'}"
