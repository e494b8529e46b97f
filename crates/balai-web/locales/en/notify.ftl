# Notifications, the inbox and integration webhooks (helper notify).

console-notifications = Notifications
console-webhooks = Integration webhooks

# A citizen's inbox
inbox-title = Inbox
inbox-empty = There are no messages for you yet.
inbox-all-read = All messages have been read.
inbox-unread-count = Unread messages
inbox-unread = unread
inbox-received = Received
inbox-open-link = See the details
inbox-back = Back to the inbox

# Notifications console
notify-console-lead = Notices to applicants by e-mail, SMS/WhatsApp and the inbox. Those not sent by their deadline come first.
notify-filters = Filter notifications
notify-status = Status
notify-status-any = Any status
notify-overdue-only = Overdue only
notify-apply = Apply
notify-subject = Subject
notify-channel = Channel
notify-recipient = Recipient
notify-due = Deadline
notify-reason = Details
notify-overdue = Overdue
notify-resend = Send again
notify-resent = The notification is queued for delivery again.
notify-inbox-of-account = The account's inbox
notify-err-inbox-address = Inbox messages take no address; leave this field empty.
notify-err-inbox-recipient = An inbox message must be addressed to an account.

# Integration webhooks
webhooks-lead = Other systems (OSS, an agency's application) receive notices signed with HMAC-SHA256 whenever an application changes.
webhooks-docs = API documentation
webhooks-changed = Changes saved.
webhooks-none = No webhooks are registered yet.
webhooks-name = Name
webhooks-name-hint = For example: OSS of the Ministry of Investment
webhooks-url = Receiver address (URL)
webhooks-url-hint = An https:// address that accepts a JSON POST.
webhooks-events = Events
webhooks-event = Event
webhooks-last-delivery = Last delivery
webhooks-never = Never
webhooks-inactive = Inactive
webhooks-new = Register a webhook
webhooks-create = Register
webhooks-created-title = Webhook registered
webhooks-secret = Secret
webhooks-secret-once = Copy this secret now and store it in the receiving system. It will not be shown again.
webhooks-secret-usage = The receiver checks the signature in the header
webhooks-deactivate = Deactivate
webhooks-activate = Activate again
webhooks-deliveries = Deliveries
webhooks-no-deliveries = No deliveries yet.
webhooks-time = Time
webhooks-attempts = Attempts
webhooks-answer = Receiver's answer
webhooks-actions = Actions
webhooks-redeliver = Deliver again
webhooks-err-url = Write the full address starting with https:// (or http://), e.g. https://oss.example.go.id/webhook.
webhooks-err-events = Choose at least one event.
