"""Demo data: the ledgers of Jinhua, Jinyi, Zhaoqing and Lishui, built from published figures.

Every figure a published document states is reproduced exactly (see :mod:`devzone.demo.sources`);
where a document gives only a total, individual projects are generated (``is_generated=True``)
so that they add up to it, and their ``source`` says which total they were generated to match.
Load it with ``devzone demo`` or :func:`devzone.demo.loader.load_demo`.
"""
