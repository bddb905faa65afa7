"""Streamlit-side helpers: per-user session state and small shared widgets. No maths here."""
