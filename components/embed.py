"""The responsive embed snippet: the page's iframe snippet plus a short inline script that sizes the frame to its chart.

Like Datawrapper's responsive embed: the frame takes the width of the host page's column and the height the chart
asks for (assets/js/ascn.js posts it). The script is inline (works offline, no script from any host), sizes only the
frame it was written with, and believes only messages from that frame, from this dashboard's origin, that carry
nothing but a height within bounds.
"""

import json
import re

# An origin as a browser writes it: scheme, host name (dot-separated labels of letters, digits and inner hyphens) or IP
# literal, optional port. Nothing else reaches the script or a snippet's address.
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_ORIGIN = re.compile(rf"https?://(?P<host>{_LABEL}(?:\.{_LABEL})*|\[[0-9A-Fa-f:.]{{2,45}}\])(?::(?P<port>[0-9]{{1,5}}))?")

# The script sizes one frame: the iframe written just before it in the snippet (document.currentScript's previous
# element), and only while that frame's src is this dashboard's /embed. A message counts when it comes from that
# frame's window, from the dashboard's origin, and is {type: "ascn-embed-height", height: 100..4000}. Any other frame
# on the host page (an ad slot that navigates itself to /embed, a second snippet's frame) is never touched.
_RESIZER = (
    "<script>(function(){var o=%s,s=document.currentScript,f=s&&s.previousElementSibling;"
    "function ours(){if(!f||f.tagName!==\"IFRAME\")return false;try{var u=new URL(f.src);"
    "return u.origin===o&&u.pathname===\"/embed\";}catch(x){return false;}}"
    "if(!ours())return;window.addEventListener(\"message\",function(e){var d=e.data;"
    "if(e.origin!==o||e.source!==f.contentWindow||!ours()||!d||d.type!==\"ascn-embed-height\"||typeof d.height!==\"number\""
    "||!(d.height>=100&&d.height<=4000))return;"
    "f.style.width=\"100%%\";f.style.height=Math.round(d.height)+\"px\";});})();</script>"
)


def origin_of(href: object) -> str | None:
    """``scheme://host[:port]`` of a page address, or None when it is not a plain http(s) origin followed by its path.

    The one rule for the page's own origin: the responsive snippet's script trusts it, and the embed snippet's address
    starts with it. Anything else (markup, credentials, another scheme, a host name no browser writes) gives None.
    """
    match = _ORIGIN.match(href) if isinstance(href, str) else None
    if match is None or href[match.end():match.end() + 1] not in ("", "/"):
        return None
    if len(match["host"]) > 253 or (match["port"] is not None and int(match["port"]) > 65535):
        return None
    return match.group(0)


def responsive_snippet(iframe_snippet: str, origin: str | None) -> str:
    """The iframe snippet followed by the resizing script for frames from ``origin``; empty without both."""
    if not iframe_snippet or not origin or not _ORIGIN.fullmatch(origin):
        return ""
    return f"{iframe_snippet}\n{_RESIZER % json.dumps(origin)}"
