"""Every quote in the demo's sources is a verbatim sentence of its document."""

import pytest

from devzone.demo.sources import DOCUMENTS, QUOTES, cite


@pytest.mark.shared_data
def test_every_quote_is_verbatim_in_its_seed_document(shared_data):
    seeds = shared_data.parent / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"seed documents not found at {seeds}")
    texts = {doc.id: (seeds / f"{doc.id}.txt").read_text(encoding="utf-8") for doc in DOCUMENTS}

    missing = [key for key, quote in QUOTES.items() if quote.text not in texts[quote.document.id]]

    assert missing == []


def test_a_citation_names_document_date_and_sentence():
    citation = cite("zq_2023")

    assert citation.startswith("003_17b92bc0b714ba39")
    assert "2023-10-11" in citation
    assert "68.9 billion yuan" in citation
