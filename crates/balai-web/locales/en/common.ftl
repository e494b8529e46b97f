## Shared text: layout, navigation, buttons, errors, roles, validation.
## Bahasa Indonesia is the primary language; every key here also exists in ../id/common.ftl.

## Public layout

skip-link = Skip to main content
nav-label = Main navigation
nav-home = Home
nav-services = Services
nav-organisations = Agencies
nav-announcements = Announcements
nav-regulations = Regulations
lang-switch = Change language
signed-in-as = Signed in as
login = Log in
logout = Log out
account = My account
console = Staff console
footer-regulations = Regulations
footer-api = API
footer-software = Balai — open-source software

## Staff console

console-nav-label = Console menu
console-public-site = Public site
console-overview = Overview
console-dashboard = Overview
console-organisations = Agencies
console-counters = Counters
console-officers = Officers
console-services = Services & standards
console-consultation = Public consultation
console-charters = Service charters
console-announcements = Announcements
console-calendar = Calendar & deadlines
console-users = Users
console-tokens = API tokens
console-audit = Audit trail
console-account = My account

## In-page navigation

breadcrumb-label = You are here
pagination-label = Pages
page-number = Page { $number }
page-of = Page { $number } of { $total }
no-results = No matching records.
optional = optional

## Buttons and answers

save = Save
cancel = Cancel
search = Search
filter = Apply filters
filter-reset = Clear filters
next = Next
previous = Previous
back = Back
submit = Submit
add = Add
edit = Edit
delete = Delete
close = Close
details = View details
download = Download
print = Print
yes = Yes
no = No
free = Free

## User roles

role-warga = Citizen
role-petugas = Counter officer
role-tim-teknis = Technical team
role-pejabat = Signing official
role-pengelola-pengaduan = Complaint manager
role-admin-mpp = Mall administrator
role-pimpinan = Leadership
role-auditor = Auditor

## Error pages

error-code = Error code
error-home = Back to the home page
error-services = Browse services
error-400-title = The request could not be processed
error-400-body = Some of the data sent was missing or in the wrong format. Go back, check what you entered and try again.
error-401-title = Please log in first
error-401-body = You need to log in to your account to open this page.
error-403-title = Access denied
error-403-body = Your account does not have permission to open this page. Contact the mall administrator if you need access.
error-csrf-title = This form has expired
error-csrf-body = For your security a form only works while your session is active. Reload the page, fill it in again if needed, then send it again.
error-404-title = Page not found
error-404-body = The page you are looking for does not exist or has moved. Check the address, or start from the home page.
error-409-title = Your change could not be saved
error-409-body = This record changed, or conflicts with another record, since you opened the page. Reload the page to see the latest version, then make your change again.
error-413-title = File too large
error-413-body = The file or data you sent is over the size limit. Make the file smaller, for example by scanning at a lower resolution, then upload it again.
error-429-title = Too many requests
error-429-body = You sent too many requests in a short time. Wait a few minutes, then try again.
error-500-title = Something went wrong
error-500-body = Sorry, we could not process your request because of a problem on our side. It has been logged. Please try again shortly.
error-503-title = Service unavailable
error-503-body = The system is under maintenance or very busy. Please try again shortly.

## Form validation

# Messages with numbers ($max, $min: numbers) use a selector: called without the number
# (e.g. through FieldErrors, which carries only the key) they fall back to [unknown], without it.
form-errors-summary = Check the highlighted fields
err-required = Required.
err-too-long = { $max ->
   *[unknown] Too long.
    [one] Too long: at most { $max } character.
    [other] Too long: at most { $max } characters.
}
err-too-short = { $min ->
   *[unknown] Too short.
    [one] Too short: at least { $min } character.
    [other] Too short: at least { $min } characters.
}
err-invalid-date = Not a valid date.
err-date-order = The end date cannot be before the start date.
err-invalid-number = Enter a number.
err-out-of-range = { $min ->
   *[unknown] The number is outside the allowed range.
    [one] Enter a number between { $min } and { $max }.
    [other] Enter a number between { $min } and { $max }.
}
err-invalid-choice = Choose one of the options given.
err-duplicate = This is already registered.
err-file-too-large = { $max ->
   *[unknown] File too large.
    [one] File too large: at most { $max } MB.
    [other] File too large: at most { $max } MB.
}
err-file-type = File type not accepted. Use PDF, JPEG or PNG.
err-password-mismatch = The password and its confirmation do not match.
err-password-too-short = { $min ->
   *[unknown] Password too short.
    [one] Password too short: at least { $min } character.
    [other] Password too short: at least { $min } characters.
}
