## Services and service standards: public catalogue, public consultation and console.
## Every key is also in ../id/services.ftl.

## Public catalogue (/layanan)

svc-list-title = Services
svc-list-lead = Find a service by name, keyword or organisation. Every service shows its full service standard: requirements, procedure, time, fees and what you receive.
svc-search-label = Search services
svc-search-placeholder = For example: KTP, birth certificate, business permit
svc-filters-label = Filter services
svc-filter-organisation = Organisation
svc-filter-kind = Kind of service
svc-filter-mode = How it is delivered
svc-filter-free = Free services only
svc-filter-any = All
svc-found = { $count ->
    [0] No matching services
    [one] 1 service found
   *[other] { $count } services found
}
svc-none-found = Try other words or remove the filters.
svc-page-of = Page { $number } of { $total }
svc-completion-short = Completion time
svc-fee-short = Fee

## One service (/layanan/{kode})

svc-code = Service code
svc-kind = Kind
svc-modes = How it is delivered
svc-standard-version = Service standard
svc-version = Version
svc-effective-since = In force since { $date }
svc-effective-from = Effective date
svc-decree = Decree number
svc-history = Version history of the service standard
svc-current = In force
svc-consultation-open = A revised standard is open for public comment
svc-consultation-notice = A draft revision of this service standard is open for public comment
svc-consultation-jump = Send a comment
svc-comment-heading = Comments on the draft service standard
svc-comment-intro = Anyone may comment. Officers read every comment; comments appear on this page after moderation.
svc-comment-name = Name
svc-comment-group = You represent
svc-comment-group-choose = Choose a group
svc-comment-body = Comment
svc-comment-body-hint = At most 2000 characters.
svc-comment-submit = Send comment
svc-comment-thanks = Thank you. We have received your comment; it will appear after moderation.
svc-comments-approved = Public comments
svc-conflict = Someone else changed this record after you opened it, so your changes were not saved. Your input is still in this form: open this page in another tab to see the latest version, then save again.

## Components of a service standard (PermenPANRB 15/2014; Luwu Pasal 27)

std-language-note = The service standard is published in Indonesian.
std-delivery-heading = Service delivery components
std-management-heading = Service management components
std-requirements = Requirements
std-no-requirements = No requirements.
std-req-document = Document
std-req-status = Status
std-req-required = Required
std-req-optional = Optional
std-req-file-types = Upload file types
std-req-shown = Shown at the counter
std-procedure = System, mechanism and procedure
std-completion-time = Completion time
std-fees = Fees
std-free-note = This service is free of charge.
std-fee-basis = Legal basis
std-fee-total = Total fee
std-product = Service product
std-complaint-handling = Handling of complaints, suggestions and input
std-legal-basis = Legal basis
std-facilities = Facilities and infrastructure
std-vulnerable-facilities = Facilities for vulnerable groups
std-officer-competence = Officer competence
std-internal-supervision = Internal supervision
std-officer-count = Number of officers
std-officers-unit = officers
std-service-guarantee = Service guarantee
std-security-guarantee = Security and safety guarantee
std-compensation = Compensation mechanism
std-performance-evaluation = Officer performance evaluation
std-not-stated = Not stated yet.

## Console: services

csvc-list-title = Services and service standards
csvc-list-caption = Services
csvc-new-service = Add a service
csvc-edit-service = Edit service details
csvc-name = Service name
csvc-name-en = Service name in English
csvc-name-en-hint = Shown to visitors who choose English.
csvc-organisation = Organisation
csvc-category = Category
csvc-choose = Choose
csvc-code-hint = 2–32 letters, digits or hyphens, for example KTP-EL. The code cannot be changed once saved.
csvc-keywords = Keywords
csvc-keywords-hint = Comma-separated; they help people find the service, for example: e-ktp, identity card.
csvc-ticket-prefix = Queue ticket prefix
csvc-ticket-prefix-hint = 1–3 capital letters, for example A.
csvc-active = Active (shown in the public catalogue)
csvc-inactive = Inactive
csvc-unpublished = Not adopted yet
csvc-published-version = Version in force
csvc-public-page = View the public page
csvc-versions = Service standard versions
csvc-no-versions = No service standard version yet.
csvc-status = Status
csvc-comment-period = Comment period
csvc-change-note = Change note
csvc-change-note-hint = A summary of what changed since the previous version.
csvc-new-version = Create a new version
csvc-new-version-hint = A new version starts as a copy of the standard in force.
csvc-open-draft-exists = This service already has a draft that has not been adopted:

## Console: draft standard

csvc-edit-draft = Edit draft
csvc-editor-intro = Fill in the fifteen components of the service standard. Empty rows are ignored; press "Add rows" for more rows.
csvc-preview = Preview
csvc-preview-note = Preview: this is how this version will look on the public page. Version status:
csvc-add-rows = Add rows
csvc-legal-row = Legal basis row
csvc-requirements-hint = Tick file types when the document is uploaded; with none ticked the document is shown at the counter.
csvc-requirement-row = Requirement
csvc-requirement-note = Note
csvc-step-row = Step
csvc-step-title = Step title
csvc-step-description = Description
csvc-completion-value = Time to complete
csvc-completion-unit = Unit of time
csvc-fees-hint = Leave every row empty when the service is free. Every fee must state its legal basis.
csvc-fee-row = Fee
csvc-fee-item = Fee item
csvc-fee-amount = Amount (rupiah)
csvc-fee-amount-hint = For example: 150000 or Rp150.000. Enter 0 when free.
csvc-fee-legal-basis = Legal basis of the fees (general)
csvc-fee-legal-basis-hint = Applies to fee rows that do not state their own legal basis.
csvc-vulnerable-hint = For example for people with disabilities, the elderly, pregnant women, children and disaster victims.
csvc-final-note = This version has been adopted and cannot be changed. To change the standard, create a new version.
csvc-not-editable = Only a draft can be edited. An adopted version is never changed: to change the standard, create a new version. A version under public consultation must be returned to draft first.
csvc-transition-refused = This step is not possible in the version's current status.
csvc-standard-incomplete = This service standard is incomplete or not valid; correct the draft before adopting it.

## Console: public consultation and adoption

csvc-open-consultation = Open for public comment
csvc-comment-from = Comments open on
csvc-comment-until = Comments close on
csvc-back-to-draft = Close the consultation and return to draft
csvc-forum = Public consultation forum
csvc-forum-record = Record the consultation forum
csvc-forum-intro = Record the public consultation forum: participants by group, what was agreed, and follow-up items with owner and due date (PermenPANRB 16/2017).
csvc-forum-none = The consultation forum has not been recorded. The new standard can be adopted once the forum is recorded.
csvc-forum-held-on = Date held
csvc-forum-place = Place
csvc-forum-participants = Participants by group
csvc-forum-total = Total participants
csvc-forum-agreed = Agreed record
csvc-forum-agreed-hint = A summary of what the forum agreed.
csvc-forum-follow-ups = Follow-up items
csvc-fu-row = Follow-up item
csvc-fu-item = Item
csvc-fu-owner = Owner
csvc-fu-due = Due date
csvc-forum-required = The public consultation forum has not been recorded. Record the forum first, then adopt the standard.
csvc-adopt = Adopt the service standard
csvc-adopt-hint = Once adopted, this version is published at once, the previous version is marked as superseded, and this version can no longer be changed.
csvc-decree-number = Decree number
csvc-decree-hint = For example: 800/123/KPTS/DPMPTSP/2026
csvc-comments = Public comments
csvc-no-comments = No comments yet.

## Console: comment moderation

csvc-moderation-title = Comment moderation
csvc-moderation-intro = Public comments on draft service standards. Approved comments appear on the service's page; rejected ones stay on record.
csvc-moderation-empty = No comments are waiting for moderation.
csvc-approve = Approve
csvc-reject = Reject

## Validation messages of this area

err-service-code-taken = Another service already uses this code; choose another one.
err-modes-empty = Choose at least one way the service is delivered.
err-ticket-prefix = The queue ticket prefix must be 1–3 capital letters A–Z.
err-forum-no-participants = Enter the number of forum participants: at least one.
