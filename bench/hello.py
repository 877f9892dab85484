"""The baseline: a bare Flask route served exactly like the app, so ratios compare like with like."""
from flask import Flask

app = Flask(__name__)


@app.get("/hello")
def hello():
    return "hello"
