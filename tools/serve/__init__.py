"""`make serve`: N Streamlit processes behind nginx with sticky websocket sessions.

`python -m tools.serve --processes 2 --port 8080`; see README "Serving a class".
"""
