"""The export in the reader's language: each text of the app's own (a Text, marked where the
resource is made) through the catalogue; codes, standard terminologies' displays and the
person's own words stay as they are. No Flask: the caller passes gettext and the language tag."""
from ...translatable import Joined, Text, translated


def localised(resource, gettext, language):
    """A copy of `resource` (a Bundle or CodeSystem) in `language` (a BCP 47 tag, "es", "en-GB")."""
    out = _walk(resource, gettext)
    out["language"] = language
    for entry in out.get("entry", ()):      # the CodeSystems in a Bundle, as served on their own
        if entry["resource"]["resourceType"] == "CodeSystem":
            entry["resource"]["language"] = language
    return out


def _walk(value, gettext):
    if isinstance(value, dict):
        return {key: _walk(item, gettext) for key, item in value.items()}
    if isinstance(value, list):
        return [_walk(item, gettext) for item in value]
    if isinstance(value, (Text, Joined)):
        return translated(value, gettext)
    return value
