"""The factory: defaults, environment, and a secret key that is generated once and kept."""
import os
import stat

from webapp import create_app


def test_secret_key_generated_once_and_kept_in_instance(tmp_path, monkeypatch):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "inst"))
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'a.db'}")
    first = create_app()
    second = create_app()
    key_file = tmp_path / "inst" / "secret_key"
    assert key_file.exists()
    assert len(first.config["SECRET_KEY"]) == 64
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"] == key_file.read_text().strip()
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600


def test_environment_overrides_defaults(tmp_path, monkeypatch):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "inst"))
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'env.db'}")
    monkeypatch.setenv("SESSION_COOKIE_SECURE", "true")
    app = create_app()
    assert app.config["SECRET_KEY"] == "from-the-environment"
    assert app.config["DATABASE_URL"].endswith("env.db")
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert not (tmp_path / "inst" / "secret_key").exists()


def test_default_database_is_sqlite_in_instance_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "inst"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app()
    assert app.config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'inst' / 'sciatica.db'}"


def test_importing_the_package_has_no_side_effects():
    import importlib

    import webapp
    importlib.reload(webapp)
    assert not hasattr(webapp, "app")


def test_every_template_is_compiled_at_start_outside_tests(tmp_path, monkeypatch):
    """A worker's first visitor after a start does not wait for templates to compile; tests (an
    app per test) and development (templates read again when edited) leave it out."""
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "inst"))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'c.db'}")
    served = create_app()
    names = served.jinja_env.list_templates(extensions=("html", "txt"))
    assert len(names) > 100
    compiled = {key[1] for key in served.jinja_env.cache}
    assert compiled == set(names)
    testing = create_app({"TESTING": True, "SECRET_KEY": "x", "DATABASE_URL": f"sqlite:///{tmp_path / 't.db'}"})
    assert len(testing.jinja_env.cache) == 0


def test_the_public_address_notice_is_information_printed_once_by_make_run(tmp_path, monkeypatch, caplog):
    """Each process builds the app (two workers, the queue, the migration): none of them warns;
    `flask notices`, which `make run` calls once, prints the notice and what to do next."""
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "inst"))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'n.db'}")
    monkeypatch.delenv("PUBLIC_BASE_URL", raising=False)
    with caplog.at_level("WARNING"):
        apps = [create_app() for _ in range(3)]
    assert not [r for r in caplog.records if "PUBLIC_BASE_URL" in r.getMessage()]
    out = apps[0].test_cli_runner().invoke(args=["notices", "--url", "http://127.0.0.1:9000"]).output
    assert out.count("PUBLIC_BASE_URL is not set") == 1 and out.startswith("Next: open http://127.0.0.1:9000/")
    assert "/account/signup/practitioner" in out
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://sc.example.org")
    out = create_app().test_cli_runner().invoke(args=["notices"]).output
    assert "PUBLIC_BASE_URL" not in out and "create an account" in out
    with open(os.path.join(os.path.dirname(__file__), "..", "Makefile")) as makefile:
        assert "notices" in makefile.read()
