"""Numbered schema migrations, applied in order by `flask --app webapp db upgrade`."""
