"""marsad's web side: the JSON API, the dashboard, event pages and the light page.

    from marsad.web.app import create_app
    app = create_app("sqlite:///marsad.db")       # an ASGI app; `marsad serve` runs it with uvicorn
"""
