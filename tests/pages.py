"""Reading a page's own content apart from the layout around it (whose nonce and signed-in
details change with every response)."""


def main_of(response):
    """The page's <main> element, as text."""
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]
