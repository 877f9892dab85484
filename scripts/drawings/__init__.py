"""The exercise drawings: the figure (figure.py), one drawing as SVG (scene.py), and the scenes
(lying.py, upright.py)."""
