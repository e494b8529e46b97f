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

# Applying and following an application
permit-apply = Apply online
permit-apply-title = Apply
permit-apply-lead = Fill in the form below. Your answers are kept as a draft; then you upload the required documents, declare them true, and submit the application to get its registration number at once.
permit-save-continue = Save and continue
permit-save-draft = Save draft
permit-saved = Draft saved.
permit-conflict = This application was just changed elsewhere. Reload the page, check it, and try again.
permit-choose = Choose one
permit-address-street = Street, number, RT/RW
permit-address-region = Village code
permit-address-region-hint = The 10-digit Kemendagri region code, e.g. 18.11.01.2001.
permit-my-title = My applications
permit-my-empty = You have not applied for anything yet. Choose a service to start:
permit-draft = Draft (not submitted)
permit-service = Service
permit-number = Registration number
permit-state = Stage
permit-created = Created
permit-due = Due date of this stage
permit-levy = Levy
permit-answers = Your answers
permit-documents = Required documents
permit-no-documents = This service needs no uploaded documents.
permit-doc-version = Version
permit-doc-reason = Why it was returned
permit-doc-none = Not uploaded yet.
permit-doc-file = File
permit-doc-upload = Upload
permit-doc-pending = Waiting to be checked
permit-doc-accepted = Accepted
permit-doc-returned = Returned, please replace
permit-doc-replaced = Replaced
permit-submit-title = Declaration and submission
permit-declaration = I declare that the data and documents I provide are true and valid (Batang Pasal 8(2)).
permit-submit = Submit the application
permit-resubmit = Submit again
permit-submitted = Your application was submitted. Registration number:
permit-receipt-download = Download the receipt (PDF)
permit-history = History
permit-step-submit = Application submitted
permit-err-doc-missing = Upload this required document before submitting.
permit-err-doc-returned = This document was returned; upload its replacement before submitting again.
permit-err-declaration = Tick the declaration that the data and documents are true to submit.

# Receipt
permit-receipt-title = Application registration receipt
permit-applicant = Applicant
permit-received = Received
permit-channel = Channel
permit-pin = Tracking PIN
permit-receipt-body = Keep this receipt. With the registration number and the PIN above you can see the stage of the application at any time on the tracking page.
permit-receipt-qr = Scan to track the application:
permit-receipt-note = This receipt is not a licence. The licence or the rejection letter is issued once the application is decided.

# Tracking
permit-track-title = Track an application
permit-track-lead = Enter the registration number and the PIN on the receipt (or the applicant's birth date) to see the stage of the application.
permit-track-number-hint = As written on the receipt, e.g. PTSP/2026/000123.
permit-track-code = PIN or birth date
permit-track-code-hint = The 6-digit PIN on the receipt, or the applicant's birth date like 1990-08-07.
permit-track-submit = Track
permit-track-failed = No application found, or the PIN/birth date does not match. Please check what you entered.
permit-track-limited = Too many failed lookups. Please try again in 15 minutes.

# Applications console
console-applications = Applications
permit-inbox-lead = Applications you can act on, the nearest (or passed) deadline first.
permit-inbox-empty = No application is waiting for you.
permit-step-done = The step was recorded.
permit-work-title = Work on the application
permit-checklist = Document checklist
permit-checklist-hint = Accept each document that is in order; return the others with the reason.
permit-review = Result of the check
permit-review-none = Not checked yet
permit-review-accept = In order, accepted
permit-review-return = Not in order, return
permit-comment = Note or reasons
permit-comment-hint = Required for a return, a decision and a cancellation; the applicant reads the reasons of a decision or a return.
permit-conflict-staff = Someone else has just worked on this application. Check its current stage below.
permit-err-return-which = Mark the documents you return, each with its reason.
permit-err-return-only = Documents can only be returned with the step "Return to the applicant".
