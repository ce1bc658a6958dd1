"""A small valid protocol text that tests mutate to provoke each error."""

from __future__ import annotations

SAMPLE = """
schema = 1
id = "sample"
version = "1.0"
label = { fr = "Exemple", en = "Sample" }
description = { fr = "Un protocole d'essai.", en = "A test protocol." }
sources = ["https://example.org"]
session_minutes = 120
situations = { default = 1, min = 1, max = 2 }

[roles]
presenter = { fr = "exposant·e", en = "presenter" }
members = { fr = "participant·es", en = "members" }
facilitator = { fr = "animateur·ice", en = "facilitator" }

[frame]
fr = ["Confidentialité"]
en = ["Confidentiality"]

[[phases]]
id = "opening"
label = { fr = "Ouverture", en = "Opening" }
purpose = { fr = "Rappeler le cadre", en = "Restate the frame" }
speakers = ["facilitator"]
presenter = "absent"
advice_allowed = false
timebox = { default = 10, min = 5, max = 15 }
note_kinds = ["observation"]
prompts = { fr = ["Bonjour"], en = ["Hello"] }
per_situation = false

[[phases]]
id = "expose"
label = { fr = "Exposé", en = "Account" }
purpose = { fr = "Raconter", en = "Tell" }
speakers = ["presenter"]
presenter = "speaks"
advice_allowed = false
timebox = { default = 20, min = 10, max = 30 }
note_kinds = ["verbatim", "paraphrase"]
prompts = { fr = ["Racontez"], en = ["Tell us"] }
per_situation = true

[[phases]]
id = "questions"
label = { fr = "Questions", en = "Questions" }
purpose = { fr = "Clarifier", en = "Clarify" }
speakers = ["members", "presenter"]
presenter = "answers"
advice_allowed = false
timebox = { default = 30, min = 15, max = 40, hard = true }
note_kinds = ["question"]
prompts = { fr = ["Qui ?"], en = ["Who?"] }
per_situation = true

[[phases]]
id = "pause"
label = { fr = "Pause", en = "Break" }
purpose = { fr = "Souffler", en = "Rest" }
speakers = ["members"]
presenter = "absent"
advice_allowed = false
timebox = { default = 10, min = 5, max = 15 }
note_kinds = ["observation"]
prompts = { fr = ["Pause"], en = ["Break"] }
per_situation = true
break = true

[[phases]]
id = "hypotheses"
label = { fr = "Hypothèses", en = "Hypotheses" }
purpose = { fr = "Comprendre", en = "Understand" }
speakers = ["members"]
presenter = "silent"
advice_allowed = false
timebox = { default = 40, min = 20, max = 50 }
note_kinds = ["hypothesis", "resonance"]
prompts = { fr = ["Au conditionnel"], en = ["In the conditional"] }
per_situation = true

[[phases]]
id = "closing"
label = { fr = "Clôture", en = "Closing" }
purpose = { fr = "Conclure", en = "Close" }
speakers = ["facilitator"]
presenter = "absent"
advice_allowed = false
timebox = { default = 10, min = 5, max = 15 }
note_kinds = ["observation"]
prompts = { fr = ["Merci"], en = ["Thanks"] }
per_situation = false
"""
