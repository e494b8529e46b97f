# Community satisfaction survey (SKM) and index (IKM), PermenPANRB 14/2017.

skm-err-answer-missing = Choose one answer for this element.
skm-err-answer-range = The answer must be 1, 2, 3 or 4.
skm-err-age = Age is written in years, 10 to 110.
skm-err-weight = Write a weight as a fraction like 1/9 or a decimal like 0.125.
skm-err-weights-sum = The weights of all elements must add up to exactly 1 (use 1/9, not 0.111).
skm-err-no-elements = A questionnaire needs at least one element.
skm-err-duplicate-element = An element code may be used only once.
skm-err-period = Write the period like 2026, 2026-S1 or 2026-Q3.
