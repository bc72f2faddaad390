"""The demo: Zwolle with example tasks, people and twelve challenges in every phase of the
workflow, loaded by `uitdaagrecht demo` (`make demo`).

A development app, like Zulip's `zilencer`: only INSTALLED_APPS names it, and nothing in the
product imports it. Its content is data (`data/*.yaml`); the loader drives the real services with
the moment of each step (`now=`), so permissions, guards, references and the timeline are what
the platform itself produces.
"""
