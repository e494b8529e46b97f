## Home page, announcements (Seluma Pasal 28) and regulations.

## Home

home-title = Home
home-search-label = Search services
home-search-placeholder = For example: ID card, birth certificate, police certificate
home-figures = The mall in figures
home-organisations = agencies serve here
home-services = services
home-quick-links = Quick links
home-link-services = All services with their requirements, fees and times
home-link-organisations = Agencies and counters in the mall
home-link-announcements = Announcements
home-link-regulations = Regulations that apply
home-how-title = How to use the mall
home-how-1 = Find the service you need and read its requirements, fee and completion time.
home-how-2 = Prepare the required documents; bring the originals when you come.
home-how-3 = Come during opening hours, take a queue number and wait to be called to a counter.
home-how-4 = Keep the receipt and registration number to collect the result.
home-latest-announcements = Latest announcements
home-all-announcements = See all announcements
home-visit-title = Visit the mall
home-address = Address
home-opening-hours = Opening hours
home-phone = Telephone
home-email = E-mail
home-complaints-title = Complaints
home-complaints-intro = Not satisfied with a service? Send your complaint, suggestion or feedback through these channels.

## Announcements

announcements-title = Announcements
announcements-intro = Announcements from the mall and its agencies, including planned facility repairs, announced at least 30 days before work starts.
announcements-none = No announcements yet.
announcements-back = Back to the announcements
announcement-published = Announced
announcement-published-on = Publication date
announcement-period = Period
announcement-activity = Activity
announcement-person-in-charge = Person in charge
announcement-complaint-channels = Complaint channels
announcement-repair-basis = Announced under Regent Regulation of Seluma No. 11/2019 Article 28(3): at least 30 calendar days before the work starts.
announcement-kind-umum = General
announcement-kind-perbaikan-sarana = Facility repair
announcement-kind-label = Kind of announcement
announcement-title-label = Title
announcement-body = Text
announcement-body-hint = Separate paragraphs with an empty line.
announcement-organisation = Agency
announcement-organisation-optional = Agency (optional)
announcement-organisation-mall = The mall (organiser)
announcement-repair-legend = Activity details (required for facility repairs)
announcement-repair-hint = A facility repair announcement must give the activity, the person in charge, the period and the complaint channels, and be published at least { $period } before the work starts ({ $citation }).
announcement-person-hint = Name and address of the person in charge.
announcement-period-start = Start
announcement-period-end = End
announcement-channels-hint = One channel per line: telephone, SMS, website, e-mail, complaint box.
announcement-new = New announcement
announcement-edit = Edit announcement
announcement-saved = The announcement is saved and shown on the public site.
announcement-conflict = Someone else changed this announcement after you opened it. Your input is kept below; open the announcement again in a new tab to see the latest version, then save again if needed.
content-tabs-label = Content sections
err-repair-notice-too-short = { $citation }: a facility repair must be announced at least { $period } before the work starts. The earliest start date allowed is { $earliest }.

## Regulations

regulations-title = Regulations
regulations-intro = The regulations the mall's services rest on.
regulations-none = No regulations recorded yet.
regulation-kind = Kind of regulation
regulation-number = Number
regulation-number-hint = For example: 26 or 1497
regulation-year = Year
regulation-title = Title
regulation-subject = Subject
regulation-subject-optional = Subject (optional)
regulation-add = Add a regulation
regulation-saved = The regulation is saved and shown on the Regulations page.
err-regulation-year = The year must be between 1945 and 2100.
regulation-kind-undang-undang = Law (Undang-Undang)
regulation-kind-peraturan-pemerintah = Government Regulation
regulation-kind-peraturan-presiden = Presidential Regulation
regulation-kind-peraturan-menteri = Ministerial Regulation
regulation-kind-peraturan-daerah = Regional Regulation (Perda)
regulation-kind-peraturan-bupati = Regent/Mayor Regulation
regulation-kind-keputusan = Decree
regulation-kind-lainnya = Other
