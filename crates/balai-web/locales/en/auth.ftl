## Identity and access: sign-in, second factor (TOTP), citizen registration, account, users and API tokens in the console.
## Bahasa Indonesia is the primary language (../id/auth.ftl); every key is in both files.

## Signing in and out

auth-login-title = Sign in
auth-already-signed-in = You are signed in as
auth-email = E-mail address
auth-email-hint = We send news about your applications and complaints to this address.
auth-password = Password
auth-no-account = No account yet?
auth-register-link = Register as a citizen
auth-forgot = Forgot your password? Staff can ask the mall administrator to reset it. Citizens can visit the mall's information desk with their ID card.
auth-invalid = Wrong e-mail or password.
auth-locked = This account is locked for a while after too many failed sign-in attempts. Try again after { $until }.
auth-disabled = This account has been disabled. Contact the mall administrator if you think this is a mistake.
auth-rate-limited = Too many attempts in a short time. Wait a moment, then try again.

## Second factor (authenticator app)

auth-totp-title = Verification code
auth-totp-lead = Open the authenticator app on your phone and enter the 6-digit code for this account.
auth-totp-code = 6-digit code
auth-totp-code-hint = The code changes every 30 seconds.
auth-totp-submit = Verify
auth-totp-lost = Lost or replaced your phone? Ask the mall administrator to remove your second factor, then enrol the new app.
auth-totp-wrong = The code does not match. Check your phone's clock and enter the code shown now.
auth-totp-used = This code was already used. Wait for the next code to appear in the app and enter that one.
auth-enrol-title = Turn on two-step verification
auth-enrol-lead = Staff accounts are protected by a code from an authenticator app as well as the password. You do this once.
auth-enrol-step-app = Install an authenticator app on your phone, for example Google Authenticator, Microsoft Authenticator, Aegis or FreeOTP.
auth-enrol-step-scan = In the app, choose to add an account, then scan this QR code.
auth-enrol-qr-alt = QR code for the authenticator app
auth-enrol-manual = Cannot scan? Type this key into the app:
auth-enrol-uri = otpauth address (for password managers)
auth-enrol-step-code = Enter the 6-digit code the app shows to finish.
auth-enrol-submit = Turn on

## Citizen registration

auth-register-title = Register a citizen account
auth-register-lead = With an account you can apply for services, follow your applications and file complaints. Your data is used for these services only.
auth-name = Full name
auth-password-hint = At least 10 characters; not only digits.
auth-password-again = Repeat the password
auth-nik = NIK
auth-nik-hint = 16 digits, as on your ID card (KTP-el) or family card.
auth-phone = Phone number
auth-phone-hint = For example 0812 3456 7890.
auth-register-submit = Register
auth-have-account = Already have an account?
auth-err-email-taken = This e-mail address is already registered. Sign in with it, or use another address.

## Account

auth-account-title = My account
auth-welcome = Your account has been created and you are signed in.
auth-role = Role
auth-organisation = Organisation
auth-totp-status = Two-step verification
auth-totp-on = On
auth-totp-off = Not set up
auth-account-links = Links
auth-password-title = Change password
auth-password-lead = After the change, every other session of this account on other devices ends.
auth-password-current = Current password
auth-password-new = New password
auth-password-changed = Your password has been changed. Sessions on other devices have been ended.
auth-must-change = Your password was set by an administrator. Choose your own before you continue.
auth-err-current-wrong = The current password is wrong.
auth-err-password-same = The new password must differ from the current one.

## Users (console)

users-new = Add a user
users-new-lead = Create a staff account. Hand over the first password in person; the holder must replace it at the first sign-in and then enrol an authenticator app.
users-search = Search name or e-mail
users-all-orgs = All organisations
users-all-roles = All roles
users-status = Status
users-active = Active
users-disabled = Disabled
users-must-change = Must change password
users-locked = Locked until
users-choose = Choose a role
users-no-org = No organisation (mall-wide role)
users-first-password = First password
users-first-password-hint = At least 10 characters. The holder must change it at sign-in.
auth-err-org-required = Choose an organisation: this role works for one organisation.
users-reset-title = Reset the password
users-reset-lead = Every session of this account ends, and the holder must choose a new password at sign-in.
users-reset-submit = Reset the password
users-totp-title = Remove two-step verification
users-totp-lead = For a lost or replaced phone: the holder enrols an authenticator app again at the next sign-in.
users-totp-submit = Remove two-step verification
users-disable-lead = A disabled account cannot sign in, and all its sessions end at once. Its work history is kept.
users-disable = Disable the account
users-enable = Enable again
auth-err-disable-self = You cannot disable your own account.
users-done-dibuat = The user has been created.
users-done-sandi = The password has been reset and every session of this account ended.
users-done-totp = Two-step verification has been removed.
users-done-nonaktif = The account has been disabled and its sessions ended.
users-done-aktif = The account has been enabled again.

## API tokens (console)

tokens-lead = API tokens let other systems (for example an organisation's own application) use Balai's API. Each token is limited to one organisation and the permissions chosen, and can be revoked at any time.
tokens-name = Token name
tokens-name-hint = What the token is for, for example "Disdukcapil SIAK synchronisation".
tokens-permissions = Permissions
tokens-created = Created
tokens-mall-wide = Whole mall
tokens-status-revoked = Revoked
tokens-revoke = Revoke
tokens-revoked = The token has been revoked and no longer works.
tokens-new = Create a new token
tokens-create = Create token
auth-err-permissions-empty = Choose at least one permission.
tokens-created-title = Token created
tokens-shown-once = Copy this token now. It is shown this once only; Balai keeps only a cryptographic fingerprint of it. If it is lost, revoke it and create a new one.
tokens-value = Token
tokens-usage = Send the token with every API request in the header
tokens-done = Done
