"""Schemathesis hooks for the reference server's API (scripts/test.sh).

`POST /uploads` takes a PDF: the fuzzer is taught to send small PDFs (the
server checks the magic bytes; anything else is a documented 415)."""

from hypothesis import strategies as st

import schemathesis


@st.composite
def pdfs(draw):
    version = draw(st.sampled_from([b"1.4", b"1.5", b"1.7", b"2.0"]))
    body = draw(st.binary(max_size=2048))
    return b"%PDF-" + version + b"\n" + body + b"\n%%EOF\n"


schemathesis.openapi.media_type("application/pdf", pdfs())
