# Electronic licensing (PTSP-el): workflows, application forms, service settings.

permits-err-no-states = A workflow needs at least one state.
permits-err-duplicate = This code is already used; every code must be different.
permits-err-code = Codes may contain only lower-case letters a–z, digits and underscores (at most 40 characters).
permits-err-sla-share = A state's share of the completion time must be 1 to 100 percent.
permits-err-unknown-state = The state referred to is not part of this workflow.
permits-err-no-end = A workflow needs at least one end state.
permits-err-leaves-end = An end state cannot have actions leaving it.
permits-err-unreachable = This state cannot be reached from the first state; add an action leading to it or remove it.
permits-err-no-way-out = An application in this state cannot reach an end state (for some service options); add an action out of it.
permits-err-choices = A choice field needs at least one option, each with its own value and a label.
permits-err-number = Write a whole number, such as 120 or 1.250.
permits-err-number-range = The number is outside the range allowed for this field.
permits-err-date = The date is not valid; pick it from the calendar or write it like 2026-03-31.
permits-err-village = Give the full village code (10 digits, e.g. 33.25.01.2001).
permits-err-number-pattern = The number pattern must contain exactly one {"{"}SEQ:n{"}"} (n = 3–9), may contain {"{"}YYYY{"}"} and {"{"}MM{"}"}, and otherwise only letters, digits, /, ., - and _.
permits-err-levy-field = A levy per unit must refer to a number field of the form.
permits-err-placeholder = The template refers to a field that is not on the form.
