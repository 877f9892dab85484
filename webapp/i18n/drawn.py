"""Messages made without Flask (rule modules, webapp/inputs.py, the sync checks), translated where
they are drawn: on a form's page and in the answers the phone's outbox shows."""
from flask_babel import gettext


def translated(text):
    """`text` in the reader's language: a marked message (N_) or a Text one (its message
    translated, then filled); text with no catalogue entry (already translated, or typed by
    someone) comes back as it is."""
    if not isinstance(text, str) or not text:
        return text
    message = getattr(text, "message", None)
    if message is not None:
        return gettext(message, **text.values)
    return gettext(text)


def translated_values(mapping):
    """{field: message} (or {code: label}) with each value translated (`mapping` may be None)."""
    return {name: translated(message) for name, message in (mapping or {}).items()}


def translated_answer(answer):
    """One record's sync answer with its error messages translated."""
    if isinstance(answer, dict) and answer.get("errors"):
        return {**answer, "errors": translated_values(answer["errors"])}
    return answer
