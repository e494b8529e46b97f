## Organisations, counters, officers and service charters (public portal and console).
## Every key also exists in ../id/organisations.ftl.

## Public portal: list and profile of organisations (Perbup Mesuji Pasal 8–9)

org-list-title = Organisations in the mall
org-list-lead = Government agencies, state- and regionally owned enterprises and private partners serving at the Public Service Mall, grouped by kind. Choose one to see its counters, opening hours, officers, service charter and services.
org-list-empty = No organisations have been registered yet.
org-list-total = Number of organisations
org-counters-label = Counters
org-code = Code
org-profile = Profile
org-head = Head
org-parent = Superior unit
org-address = Address
org-phone = Phone
org-email = E-mail
org-website = Website
org-agreement = Basis of participation in the mall
org-agreement-none = The agreement has not been recorded yet.
org-agreement-number = Agreement
org-agreement-kind-nota-kesepakatan = Memorandum of understanding
org-agreement-kind-perjanjian-kerja-sama = Cooperation agreement
org-agreement-document = Agreement document
org-agreement-reference = Archive reference
org-agreement-signed-copy = Signed copy
org-workplan = Work plan / cooperation agreement
org-number = No.
org-dated = dated
org-counters = Counters
org-counters-none = This organisation has no counter in the mall yet.
org-counter = Counter
org-location = Location
org-hours = Opening hours
org-officers = Officers
org-officers-none = Officer profiles have not been published yet.
org-competence = Competence
org-charter = Service charter
org-charter-adopted = Adopted
org-charter-none = This organisation has not adopted a service charter yet.
org-services = Services
org-services-none = No services have been published for this organisation yet.

## Console: shared

org-new = Add organisation
org-edit = Edit organisation
org-saved = Changes saved.
org-conflict = Someone else changed this record after you opened the form, so your changes were not saved. What you typed is still below. Open this page in a new tab to see the latest version; if your input is still right, press Save again.
org-status = Status
org-active = Active
org-inactive = Inactive
org-activate = Activate
org-deactivate = Deactivate
org-active-note = This organisation appears in the public list and the API.
org-inactive-note = This organisation is hidden from the public list and the API. Its data is kept.
org-public-page = View the public page
org-all-kinds = All kinds
org-all-organisations = All organisations
org-choose = Choose…
org-none = None
org-identity = Identity
org-contacts = Head and contacts

## Console: organisation form

org-code-hint = 2–32 characters: letters A–Z, digits, hyphens or underscores, e.g. DISDUKCAPIL. The code is used in page addresses.
org-f-kind = Kind of organisation
org-f-name = Name
org-f-name-en = Name in English (optional)
org-f-name-en-hint = Shown to visitors who choose English.
org-f-description = Short description (optional)
org-f-parent = Superior unit (optional)
org-f-head-name = Name of the head (optional)
org-f-head-position = Position of the head (optional)
org-f-phone = Phone (optional)
org-f-email = E-mail (optional)
org-f-website = Website (optional)
org-f-website-hint = The full address starting with https://
org-f-agreement-kind = Kind of agreement (optional)
org-f-agreement-number = Agreement number (optional)
org-f-agreement-date = Agreement date (optional)
org-f-agreement-document = Archive reference or link (optional)
org-f-agreement-document-hint = The archive number or place, or a link (https://…) to another copy. The signed document is uploaded under Agreement document below.
org-f-workplan-number = Work plan / cooperation agreement number (optional)
org-f-workplan-date = Work plan / cooperation agreement date (optional)
org-f-date-hint = Format: year-month-day, e.g. 2026-01-12.

## Console: uploading the agreement document (Mesuji regulation, Article 8(2–3))

org-file-title = Agreement document
org-file-lead = Upload a scan of the signed agreement. It can be downloaded from the organisation's public page.
org-file-current = Current file
org-file-none = No document has been uploaded yet.
org-file-size = Size
org-file-uploaded = Uploaded
org-file-field = PDF file
org-file-hint = PDF only, at most 10 MB. A new file replaces the old one on the public page; the old file stays on record in the audit trail.
org-file-upload = Upload document

## Console: counters

org-counter-new = Add counter
org-counter-edit = Edit counter
org-f-organisation = Organisation
org-f-counter-name = Counter name
org-f-building = Building
org-f-floor = Floor (optional)
org-f-position-in-building = Place in the building (optional)
org-f-position-in-building-hint = For example: left of the entrance, next to the lift.
org-f-hours-hint = Write the days, then the hours; separate parts with semicolons. Example: Mon-Fri 08:00-15:00; Sat 08:00-12:00. A break: Fri 08:00-11:30,13:30-15:00.
org-counter-active-note = This counter is open and shown on the public pages.
org-counter-inactive-note = This counter is closed and hidden from the public pages.
org-counter-close = Close the counter
org-counter-open = Reopen the counter

## Console: officers

org-officer-new = Add officer
org-officer-edit = Edit officer
org-f-officer-name = Name
org-f-position = Position
org-f-nip = NIP (optional)
org-f-nip-hint = 18 digits. Leave empty for staff who are not civil servants. The NIP is never shown to the public.
org-f-superior = Direct superior (optional)
org-f-counter = Counter served at (optional)
org-f-competence-hint = Shown on the officer's public profile.
org-f-public-profile = Public profile (optional)
org-f-public-profile-hint = A short description of their duties that the public may read.
org-officer-active-note = This officer is active and their profile is shown publicly.
org-officer-inactive-note = This officer is inactive; the profile is hidden and the history is kept.

## Console: service charters

org-charter-console-lead = A service charter is the provider's written promise to meet its service standards. A charter is not edited but adopted again; the latest one is published.
org-charter-current = In force
org-charter-missing = Not adopted yet
org-charter-manage = Manage charter
org-charter-adopt = Adopt charter
org-charter-adopt-note = A charter adopted here replaces the one in force; earlier charters stay in the history.
org-charter-history = Charter history
org-charter-saved = The service charter has been adopted.
org-f-charter-body = Text of the charter
org-f-charter-body-hint = If left empty, the standard wording of the service charter is used.
org-f-adopted-on = Date of adoption
org-f-signed-by = Signed by
org-f-signer-position = Position of the signer

## Error messages of this area

org-err-code-taken = This code is already in use. Choose another one.
org-err-website = Write the full website address starting with https://, e.g. https://mesujikab.go.id.
org-err-parent-unknown = The superior unit was not found.
org-err-parent-cycle = This unit cannot be the superior: the chain of superiors would lead back to this organisation.
org-err-workplan-before-agreement = The work plan cannot be dated before the agreement.
org-err-workplan-pair = Give both the number and the date of the work plan, or neither.
org-err-organisation-unknown = Organisation not found. Choose one from the list.
org-err-counter-unknown = Counter not found. Choose one from the list.
org-err-counter-other-org = This counter belongs to another organisation. Choose a counter of the officer's organisation.
org-err-superior-unknown = Superior not found. Choose one from the list.
org-err-superior-cycle = This officer cannot be the superior: the chain of superiors would lead back to the officer being edited.
org-err-nip = The NIP must have 18 digits.
