"""`{% fragment "name" vary… %}…{% endfragment %}`: a part of a page kept as HTML (core.fragments).

The generations of the page cache (everything, and the `municipality` of the context if there is
one) and the language are part of the key; `vary` adds what changes within the fragment. The
context's querysets are lazy, so a fragment found in the cache costs none of their queries.
"""

from django import template

from uitdaagrecht.core import fragments

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary) -> None:
        self.nodelist, self.name, self.vary = nodelist, name, vary

    def render(self, context) -> str:
        return fragments.cached(
            self.name.resolve(context),
            lambda: self.nodelist.render(context),
            [value.resolve(context) for value in self.vary],
            municipality=context.get("municipality"),
        )


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )
