"""A fictional French demo intervention, deterministic for a seed (``appsession demo``).

``plan.demo_sessions(DemoSize(...))`` makes the content as plain data; ``build.build_demo(vault,
size)`` writes it through the vault's public API. Everything in it is invented.
"""
