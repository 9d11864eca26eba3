//! End-to-end tests of the English extractor on documents written for these tests.

use super::*;
use chrono::NaiveDate;
use leakwatch_model::{CountQualifier, DocId, Language, MediaType, Origin};

fn doc(text: &str) -> Document {
    Document {
        id: DocId("en-test".into()),
        origin: Origin::File {
            path: "t.txt".into(),
        },
        media_type: MediaType::Text,
        encoding: "UTF-8".into(),
        title: None,
        published: None,
        language: Language::En,
        text: text.to_string(),
        content_hash: String::new(),
    }
}

/// The victims the English extractor finds in `text`, in order, with its trace.
fn victims(text: &str) -> (Vec<String>, Vec<TraceNote>) {
    let (incs, trace) = EnglishExtractor::new().extract(&doc(text));
    let names = incs.into_iter().map(|i| i.organization.value).collect();
    (names, trace)
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

#[test]
fn release_with_legal_form_list_and_dates() {
    let text = "Notice of a data incident\nMay 1, 2024\n\nKumo Foods Co., Ltd. announces that its online shop suffered unauthorized access. On April 20, 2024, we detected suspicious activity. Information of up to 1,200 customers may have been exposed, including names, email addresses and credit card numbers.\nWe will conduct phishing awareness training.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    assert_eq!(incs.len(), 1);
    let i = &incs[0];
    assert_eq!(i.organization.value, "Kumo Foods Co., Ltd.");
    assert_eq!(i.cause_value(), Cause::UnauthorizedAccess);
    let c = i.affected.as_ref().unwrap();
    assert_eq!(
        (c.value.value, c.value.qualifier),
        (1200, CountQualifier::Max)
    );
    let types = i.data_type_values();
    assert!(types.contains(&DataType::Name) && types.contains(&DataType::Email));
    assert!(i.card_data_value() && !i.confirmed_value());
    assert_eq!(i.date(DateKind::Detected), ymd(2024, 4, 20));
}

#[test]
fn news_subject_without_legal_form_and_named_group() {
    let text = "Ransomware gang claims attack on Brindle Valley Hospital\nBrindle Valley Hospital said on March 4 that the Akira ransomware group encrypted some of its servers. Records of about 9,400 patients, including medical records and Social Security numbers, were stolen. According to Reuters, the FBI is investigating.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    assert_eq!(incs.len(), 1);
    let i = &incs[0];
    assert_eq!(i.organization.value, "Brindle Valley Hospital");
    assert_eq!(i.cause_value(), Cause::Ransomware);
    assert_eq!(i.attacker.as_ref().map(|a| a.value.as_str()), Some("Akira"));
    assert_eq!(i.affected.as_ref().map(|c| c.value.value), Some(9_400));
    assert!(i.data_type_values().contains(&DataType::Health));
}

#[test]
fn heading_name_above_a_dateline_names_the_victim() {
    let text = "Harlow Ridge School District\n2011-02-03\nA district employee accidentally sent an e-mail with the names and grades of 312 students to all parents.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    assert_eq!(incs[0].organization.value, "Harlow Ridge School District");
    assert_eq!(incs[0].cause_value(), Cause::Misdelivery);
    assert_eq!(incs[0].affected.as_ref().map(|c| c.value.value), Some(312));
}

#[test]
fn lost_laptop_is_loss_and_not_confirmed() {
    let text = "Pemberton Credit Union said a laptop containing names and account numbers of 2,300 members went missing in transit.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    assert_eq!(incs[0].cause_value(), Cause::Loss);
    assert!(!incs[0].confirmed_value());
}

#[test]
fn advice_without_a_victim_has_no_incident() {
    let text = "How to spot phishing\nPhishing emails try to steal your password. You should never click links in unexpected messages, and you should report them to your IT team.\n";
    assert!(EnglishExtractor::new().extract(&doc(text)).0.is_empty());
    let none = "Annual report\nRiver Tech Inc. reports growing sales in all regions.\n";
    assert!(EnglishExtractor::new().extract(&doc(none)).0.is_empty());
}

#[test]
fn digest_items_each_have_their_victim() {
    let text = "This month in breaches:\n- Orrin Logistics disclosed that hackers accessed its payroll system.\n- A laptop with data on 800 clients was stolen from Tamsin Legal Services, the firm said.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    let names: Vec<&str> = incs.iter().map(|i| i.organization.value.as_str()).collect();
    assert_eq!(names, vec!["Orrin Logistics", "Tamsin Legal Services"]);
    assert_eq!(incs[1].cause_value(), Cause::Theft);
}

#[test]
fn paragraphs_headed_by_a_name_and_a_dash_are_a_digests_entries() {
    let text = "Breach roundup for the week\n\nPublished May 2, 2025\n\nWestmere Dental Group - The clinic chain said a phishing attack on April 7 exposed the records of 5,300 patients.\n\nCopperleaf Garden Supplies - Card skimming code on the retailer's checkout page captured payment details of shoppers for six weeks.\n\nNorbury Housing Trust - An employee emailed a file with tenant details to the wrong recipient; 212 tenants were affected.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    let names: Vec<&str> = incs.iter().map(|i| i.organization.value.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "Westmere Dental Group",
            "Copperleaf Garden Supplies",
            "Norbury Housing Trust"
        ]
    );
    // Each entry keeps its own facts: the skimming is the garden retailer's alone.
    assert!(incs[1].card_data.as_ref().is_some_and(|c| c.value));
    assert!(!incs[0].card_data.as_ref().is_some_and(|c| c.value));
    // A title with a dash is no entry.
    let sents = super::text::sentences("Data Breaches in May 2025 – 12 Incidents, 40,000 Records\n\nAcme Logistics - The hauler said hackers stole 800 driver files.\n\nBrook Lane Surgery - A laptop holding 300 patient records was stolen.\n");
    assert!(!sents[0].item);
    assert!(sents.iter().skip(1).all(|s| s.item));
}

#[test]
fn a_bare_name_described_by_an_appositive_that_left_data_open_is_the_victim() {
    let text = "Open database exposed tutoring records\n\nLarkmoor, an online marketplace that matches students with tutors, left a database exposed to the internet without a password, a researcher said. It held about 40,000 records.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    let names: Vec<&str> = incs.iter().map(|i| i.organization.value.as_str()).collect();
    assert_eq!(names, vec!["Larkmoor"]);
}

#[test]
fn numbered_entry_heads_name_their_victims() {
    let text = "The year's largest breaches\n\n1. Quarrow Freight – 2.1 million records\nHackers copied the shipping firm's customer files in March.\n\n2. Penmarric Payroll Cloud – 900,000 workers\nA former support engineer downloaded payroll records of client companies' staff.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    let names: Vec<&str> = incs.iter().map(|i| i.organization.value.as_str()).collect();
    assert!(names.contains(&"Penmarric Payroll Cloud"), "{names:?}");
    assert!(names.contains(&"Quarrow Freight"), "{names:?}");
}

#[test]
fn a_prosecutors_release_of_one_intruders_two_breaches_names_both_victims() {
    let text = "U.S. Attorney's Office\nMan sentenced for hacking two firms\n\nAccording to court documents, the defendant exploited a flaw in the website of Brindle Tickets, Inc., an event ticketing company, and downloaded 20,000 customer records.\n\nLater he used stolen login credentials of an employee of Osgrove Federal Credit Union to access its document system and copied member files.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    let names: Vec<&str> = incs.iter().map(|i| i.organization.value.as_str()).collect();
    assert!(names.contains(&"Brindle Tickets, Inc."), "{names:?}");
    assert!(names.contains(&"Osgrove Federal Credit Union"), "{names:?}");
    assert!(!names.iter().any(|n| n.contains("Attorney")), "{names:?}");
}

#[test]
fn a_scam_warning_names_no_victim_in_the_bank_impersonated() {
    let text = "SCAM ALERTS\n\nTexts claiming to be from \"Harbourline Savings Bank\" are a phishing scam\n\nOver the past week, dozens of readers have forwarded text messages that appear to come from Harbourline Savings Bank. The link leads to a fake login page that asks for card numbers and passwords. Report scam texts at ReportFraud.ftc.gov.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    let names: Vec<&str> = incs.iter().map(|i| i.organization.value.as_str()).collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn a_second_fine_after_an_adverb_is_a_second_incident() {
    let text = "The regulator has fined two councils for sending sensitive files to the wrong people.\n\nThe ICO fined Harrowgate Borough Council £70,000 for an incident in May 2012 in which a social worker emailed case notes to the wrong recipient.\n\nSeparately, Penhallow District Council will be asked to pay a £45,000 fine after an officer faxed medical records to the wrong number.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    let names: Vec<&str> = incs.iter().map(|i| i.organization.value.as_str()).collect();
    assert!(names.contains(&"Harrowgate Borough Council"), "{names:?}");
    assert!(names.contains(&"Penhallow District Council"), "{names:?}");
}

#[test]
fn employees_data_and_published_documents_are_data_types() {
    let text = "Marlow Freight Ltd said the details of more than 4,000 current and former employees were exposed in a cyber attack on its pension administrator.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    assert_eq!(incs.len(), 1);
    assert!(incs[0].data_type_values().contains(&DataType::EmployeeInfo));
    let text = "Ransomware group Vexor published internal documents of Caldera Avionics SA on its leak site, the company confirmed on Monday.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    assert_eq!(incs.len(), 1);
    assert!(incs[0]
        .data_type_values()
        .contains(&DataType::InternalDocuments));
}

#[test]
fn counts_in_sentences_that_describe_what_a_device_held() {
    let count_of = |text: &str| {
        let (incs, _) = EnglishExtractor::new().extract(&doc(text));
        incs.first()
            .and_then(|i| i.affected.as_ref())
            .map(|c| c.value.value)
    };
    assert_eq!(
        count_of("Birchwood Fertility Clinic\nMarch 3, 2009\n\nA nurse at Birchwood Fertility Clinic lost a flash drive. The drive held details of treatments for 2,450 patients going back to 2001.\n"),
        Some(2450)
    );
    assert_eq!(
        count_of("Larkspur Theatre\nJuly 2, 2008\n\nSomeone gained unauthorized access to two computers in the Larkspur Theatre box office, containing credit card information for about 1,700 patrons.\n"),
        Some(1700)
    );
}

#[test]
fn misuse_and_mistakes_are_incidents_and_training_as_context_is_no_advice() {
    let ex = EnglishExtractor::new();
    // No breach word, but misuse stated as such.
    let misuse = "Harbor Point Outfitters\nA clerk at the Harbor Point Outfitters call center was inappropriately accessing customer names and card numbers.\n";
    let (incs, _) = ex.extract(&doc(misuse));
    assert_eq!(incs.len(), 1);
    assert_eq!(incs[0].cause_value(), Cause::Insider);
    // A course named as where it happened is no advice sentence.
    let course = "Coastal Guard Reserve\nA laptop was taken from a reservist's car while he attended a training course; it held the names and Social Security numbers of 310 members.\n";
    let (incs, _) = ex.extract(&doc(course));
    assert_eq!(incs.len(), 1);
    assert_eq!(incs[0].affected.as_ref().map(|c| c.value.value), Some(310));
    // Card fraud reported by customers gives the count.
    let fraud = "Lakeside Grill\nCard data of diners at Lakeside Grill was skimmed in May. Around 60 customers reported fraudulent charges.\n";
    let (incs, _) = ex.extract(&doc(fraud));
    assert_eq!(incs[0].affected.as_ref().map(|c| c.value.value), Some(60));
}

#[test]
fn an_earlier_breach_told_after_the_story_is_a_second_incident() {
    let text = "Hackers skim cards at Quillfeather Books\nQuillfeather Books said hackers inserted malicious code into its checkout page and stole customers' card numbers and expiry dates. The breach ran between May 2 and May 9, 2023, and the code was removed on May 9.\nThe retailer is offering free credit monitoring to affected customers.\nThis is not the first time the bookseller has been hit. Last year, Quillfeather Books admitted that attackers stole the passwords of some online accounts.\n";
    let (incs, trace) = EnglishExtractor::new().extract(&doc(text));
    assert_eq!(incs.len(), 2, "{trace:?}");
    assert!(incs
        .iter()
        .all(|i| i.organization.value == "Quillfeather Books"));
    let now = incs[0].data_type_values();
    assert!(now.contains(&DataType::CardNumber) && !now.contains(&DataType::Password));
    assert!(incs[1].data_type_values().contains(&DataType::Password));
    // Without the earlier passage, one incident.
    let cut = text.split("This is not").next().unwrap_or(text);
    assert_eq!(EnglishExtractor::new().extract(&doc(cut)).0.len(), 1);
}

#[test]
fn a_digest_told_in_headed_stories_has_one_victim_per_story() {
    let text = "Ransomware this month\n\nOur monthly look at the attacks that made the news.\n\nTallow Creek County\nTallow Creek County said on May 2, 2024 that ransomware encrypted its court records servers. The county confirmed that files holding the names of about 900 residents were stolen.\n\nBracken Hill Clinic\nThe Akira group claimed an attack on Bracken Hill Clinic and posted what it says are patient records. The clinic said it was investigating the claim.\n\nStay safe, and keep offline backups.\n";
    let (incs, trace) = EnglishExtractor::new().extract(&doc(text));
    let names: Vec<&str> = incs.iter().map(|i| i.organization.value.as_str()).collect();
    assert_eq!(
        names,
        ["Tallow Creek County", "Bracken Hill Clinic"],
        "{trace:?}"
    );
    // Each story keeps its own facts.
    assert!(incs[0].affected.is_some() && incs[1].affected.is_none());
}

#[test]
fn one_incident_told_across_paragraphs_stays_one_incident() {
    let text = "Hackers hit Fernway Foods\n\nFernway Foods said on Monday that hackers stole the names and card numbers of 3,200 customers from its online shop.\n\nThe breach was found by Larkspur Security Labs, a research firm that monitors card-skimming code. Larkspur Security Labs said the malicious code had been active for five weeks.\n\nFernway Foods said it has removed the code and notified card issuers.\n";
    let (names, trace) = victims(text);
    assert_eq!(names, ["Fernway Foods"], "{trace:?}");
}

#[test]
fn passwords_reset_as_a_remedy_or_taken_elsewhere_are_not_exposed() {
    let text = "Notice of a data security incident\nJuly 2, 2024\n\nWillowmere Books LLC discovered that an unauthorized party accessed its order server and took customers' names and email addresses. We have reset all staff passwords and added monitoring.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    let types = incs[0].data_type_values();
    assert!(
        types.contains(&DataType::Email) && !types.contains(&DataType::Password),
        "{types:?}"
    );
    let text = "Notice of a data security incident\nJuly 2, 2024\n\nWillowmere Books LLC said attackers stole customers' names, email addresses and passwords from its order server.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    assert!(incs[0].data_type_values().contains(&DataType::Password));
}

#[test]
fn only_organisations_join_a_fined_victim() {
    let text = "Housing trust fined £30,000 over emailed rent list\nThe Information Commissioner's Office has fined Brookfield Homes Association £30,000 after a member of staff emailed a list of 900 tenants' names and rent arrears to the wrong recipients, a serious data breach.\nUnder UK data protection law the regulator can fine organisations up to £17.5 million.\n";
    let (names, trace) = victims(text);
    assert_eq!(names, ["Brookfield Homes Association"], "{trace:?}");
}

#[test]
fn a_client_notice_about_its_vendor_names_the_client() {
    let text = "Notice of Data Security Incident\nNorthbrook Valley School District\n\nDear families,\n\nI am writing about a data security incident at Tallyroom, Inc., the vendor that hosts the District's gradebook. On March 4, 2024, Tallyroom notified the District that an unauthorized party had accessed Tallyroom's cloud environment. Tallyroom said the party copied files holding the names and grades of 3,200 students of the District. The District has asked Tallyroom to delete the data it no longer needs.\n\nSincerely,\nNorthbrook Valley School District\n";
    let (names, _) = victims(text);
    assert_eq!(
        names,
        vec!["Northbrook Valley School District"],
        "{names:?}"
    );
}

#[test]
fn a_court_records_system_hit_is_no_court_proceeding() {
    let text = "County systems restored\nNovember 2, 2023\n\nHarbour County said on October 9 that ransomware had encrypted servers running its property tax and court records systems on October 6.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    let i = incs
        .iter()
        .find(|i| i.organization.value == "Harbour County")
        .expect("the county's incident");
    assert_eq!(i.date(DateKind::Occurred), ymd(2023, 10, 6));
    assert_eq!(i.date(DateKind::Disclosed), ymd(2023, 10, 9));
    // A sentence about a court case still dates nothing.
    let text = "Harbour County said on October 9 that ransomware had encrypted its servers. A court hearing on the county's contract is set for October 30.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    assert!(incs.iter().all(|i| i.date(DateKind::Occurred).is_none()));
}

#[test]
fn a_verb_opening_a_sentence_is_no_victim() {
    let text = "When must a breach be reported?\nA ransomware attack that exposes customer records usually has to be reported within 72 hours. Failing to report a breach can itself lead to a fine. Using the regulator's online form is the quickest way.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    assert!(
        incs.iter()
            .all(|i| i.organization.value != "Failing" && i.organization.value != "Using"),
        "{:?}",
        incs.iter()
            .map(|i| &i.organization.value)
            .collect::<Vec<_>>()
    );
}

#[test]
fn a_client_named_later_in_a_headed_story_is_a_victim_of_it_too() {
    let text = "Breach week\n\nOur weekly round-up.\n\nMailing vendor hit by ransomware\nQuillon Print Services Ltd. said ransomware hit its systems on March 3, 2025 and files on 20,000 people were stolen. One client, Harrowgate Building Society Inc., said 12,000 of its members were affected and that its own systems were not touched.\n\nClinic phishing attack\nBrambleton Clinic said an attacker read two staff mailboxes after a phishing email. Records of 800 patients were in the mailboxes.\n";
    let (mut names, trace) = victims(text);
    names.sort();
    assert_eq!(
        names,
        [
            "Brambleton Clinic",
            "Harrowgate Building Society Inc.",
            "Quillon Print Services Ltd."
        ],
        "{trace:?}"
    );
}

#[test]
fn words_of_a_statistics_list_are_no_victims() {
    let text = "Breach trends report\n\nKey findings\n\n- Breaches rose 9% last year as stolen credentials dominated.\n- Healthcare reported the most breaches of any sector.\n- Stolen or guessed passwords were the most common way in.\n- Misdirected email made up 11% of breaches.\n";
    let (names, trace) = victims(text);
    assert!(names.is_empty(), "{names:?} {trace:?}");
}

#[test]
fn a_care_provider_is_no_vendor_and_joined_places_are_no_victim() {
    let text = "Enforcement round-up\n\nRegulators in the United States and the United Kingdom closed two breach cases in May.\n\nOCR settles with Larkhollow Family Health\nThe HHS Office for Civil Rights announced a $90,000 settlement with Larkhollow Family Health, a mental health provider with two clinics, over a 2022 phishing attack that exposed the records of 2,300 patients. The provider must train its staff for two years.\n\nICO reprimands Pellmoor Borough Council\nThe ICO reprimanded Pellmoor Borough Council after staff emailed a spreadsheet holding the addresses of 412 residents to the wrong recipients. The council said it has changed its procedures.\n";
    let (names, trace) = victims(text);
    assert_eq!(
        names,
        ["Larkhollow Family Health", "Pellmoor Borough Council"],
        "{trace:?}"
    );
}

#[test]
fn the_publisher_of_a_breach_study_is_no_victim() {
    let text = "Tarnwell Research Group Releases 2025 Breach Trends Report\n\nBreach numbers rose again last year\n\nBoston, March 3, 2025 - The Tarnwell Research Group today released its annual Breach Trends Report, which counts 2,900 data breaches reported in 2024. Ransomware was involved in a quarter of them, and stolen passwords were the most common way in.\n";
    let (names, trace) = victims(text);
    assert!(names.is_empty(), "{names:?} {trace:?}");
}

#[test]
fn the_author_of_a_guide_and_a_department_in_a_byline_are_no_victims() {
    let guide = "Got a breach letter? Five things to do now\n\nA practical guide from the Harbor Consumer Alliance\nUpdated June 2, 2025\n\nIf a company tells you your Social Security number was exposed in a data breach, freeze your credit first. The Harbor Consumer Alliance says most people who wait lose weeks.\n";
    let (names, trace) = victims(guide);
    assert!(names.is_empty(), "{names:?} {trace:?}");
    let blog = "Ransomware this spring: what our cases show\n\nBy Dana Oyelaran, Director of Incident Response\n\nIn one case a regional clinic lost access to its scheduling system for nine days after a ransomware attack. Attackers stole data before encrypting it in most cases we handled.\n";
    let (names, trace) = victims(blog);
    assert!(names.is_empty(), "{names:?} {trace:?}");
}

#[test]
fn a_weekly_digest_with_bracketed_dates_in_its_headings_is_split_into_stories() {
    // Headings end in `[Nov. 12]`: the abbreviation inside a bracket ends no sentence, so each
    // heading stays one line. A researcher quoted under `Also this week` and the digest's own
    // name (`… Roundup: Week of Nov. 10`) are no victims; `in Gunma Prefecture` locates.
    let text = "Kanto Leak Roundup: Week of Nov. 10\n\nPublished Nov. 15, 2025 | Harbor Desk newsletter\n\nOur weekly summary of leaks disclosed by Japanese organizations.\n\nSekiyama Builders hit by ransomware [Nov. 12]\nSekiyama Builders Co. said servers holding customer records were encrypted by ransomware. Data of about 9,000 customers may have leaked.\n\nKiryuno City loses tax forms [Nov. 13]\nKiryuno City in Gunma Prefecture said it cannot find 120 tax forms listing residents' names and addresses. The city believes the forms were discarded by mistake.\n\nTakarada Credit Union phished [Nov. 14]\nTakarada Credit Union said an employee entered a password on a fake login page, exposing a mailbox with names of 310 customers. No misuse has been found.\n\nAlso this week\nSecurity researchers at Nagisa Labs said they had found 40 online shops still running a flawed plugin; they did not name the shops.\n";
    let (names, trace) = victims(text);
    assert_eq!(
        names,
        vec![
            "Sekiyama Builders Co.".to_string(),
            "Kiryuno City".to_string(),
            "Takarada Credit Union".to_string()
        ],
        "{trace:?}"
    );
}

#[test]
fn a_contractors_breach_and_the_clients_that_announced_theirs_are_incidents_each() {
    let text = "Ransomware at a mailing contractor exposes data of clients' customers\n\nMonday, May 12, 2025\n\nA ransomware attack on Hakuto Print Service Co., a Nagoya company that prints bills for utilities and local governments, may have exposed data entrusted to it by dozens of clients, Hakuto said. The Akira group claimed the attack.\n\nHakuto said its servers were encrypted on April 28 and that it reported the incident to the police. Hakuto said it is still examining which files were taken.\n\nMizuhashi City said on Friday that names and addresses of about 52,000 residents, sent to the contractor to print tax notices, may have leaked. The city suspended its contract.\n\nSenba Water Co. said the names and account numbers of more than 31,000 customers, in files it had provided for printing bills, may have been exposed. The company apologised.\n\nHakuto said it would notify every client once its review is complete.\n";
    let (incs, trace) = EnglishExtractor::new().extract(&doc(text));
    let names: Vec<&str> = incs.iter().map(|i| i.organization.value.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "Hakuto Print Service Co.",
            "Mizuhashi City",
            "Senba Water Co."
        ],
        "{trace:?}"
    );
    let counts: Vec<Option<u64>> = incs
        .iter()
        .map(|i| i.affected.as_ref().map(|a| a.value.value))
        .collect();
    assert_eq!(counts[1..], [Some(52_000), Some(31_000)], "{trace:?}");
    // The clients' stories name no cause: the contractor's attack is theirs.
    for inc in &incs[1..] {
        assert_eq!(
            inc.cause.as_ref().map(|c| c.value),
            Some(Cause::Ransomware),
            "{}: {trace:?}",
            inc.organization.value
        );
        assert_eq!(
            inc.attacker.as_ref().map(|a| a.value.as_str()),
            Some("Akira")
        );
    }
}

#[test]
fn a_law_explainer_by_a_firm_in_its_byline_has_no_incident() {
    let text = "Explainer: reporting a leak under Japan's APPI\n\nMarch 3, 2025\n\nBy Aya Kuroda, Partner, Kuroda & Finch Law Office\n\nSince 2022 a business must report a leak of personal data to the PPC when more than 1,000 people are affected or when unauthorized access may have caused it. A preliminary report is due within days and a final one within 30 days.\n";
    let (names, trace) = victims(text);
    assert!(names.is_empty(), "{names:?} {trace:?}");
}

#[test]
fn a_paragraph_opening_with_by_is_no_byline() {
    let text = "Bank says hackers took customer data\n\nBy contrast with last year's outage, Holloway Savings Bank said on Monday that hackers stole names and account numbers of 2,400 customers.\n";
    let (names, trace) = victims(text);
    assert_eq!(
        names,
        vec!["Holloway Savings Bank".to_string()],
        "{trace:?}"
    );
}

#[test]
fn an_interview_with_a_security_chief_has_no_incident() {
    // Where the interviewee works (`officer at X`) is no victim's place, and a quoted word
    // opening the headline is sentence-initial.
    let text = "'Prepare for the worst': a plant maker's security chief on ransomware\n\nJune 2, 2025\n\nRansomware groups keep hitting manufacturers. We spoke with Ken Arai, chief information security officer at Minatogawa Heavy Industries, about backups and drills.\n\nQ: Would Minatogawa ever pay a ransom?\nA: Our policy is not to pay. We practise restoring from offline backups every quarter, and we assume data could be stolen before anything is encrypted.\n";
    let (names, trace) = victims(text);
    assert!(names.is_empty(), "{names:?} {trace:?}");
}

#[test]
fn a_vendor_named_after_its_role_is_no_victim_of_its_clients_notice() {
    let text = "Clinic tells 4,100 patients of a breach at its billing vendor\n\nLakemont Clinic in Salem, Oregon, has started notifying patients that their information was stolen in an attack on one of its business associates, the billing company Pardee Claims LLC, in May. The stolen files held patient names and insurance numbers, Lakemont Clinic said. Pardee Claims said it has rebuilt its servers.\n";
    let (names, trace) = victims(text);
    assert_eq!(names, vec!["Lakemont Clinic".to_string()], "{trace:?}");
}

#[test]
fn a_leading_legal_form_makes_a_name_an_organisation() {
    let text = "Leak site roundup\n\nMedusa posted PT Harapan Jaya Finance, a Jakarta-based lender, claiming to hold 2 TB of stolen loan files with identity card scans of borrowers.\n";
    let (names, trace) = victims(text);
    assert_eq!(
        names,
        vec!["PT Harapan Jaya Finance".to_string()],
        "{trace:?}"
    );
}

#[test]
fn a_gang_named_before_attack_or_in_a_headings_brackets_is_the_attacker() {
    let text = "Ransomware digest\n\nThe attacks we tracked in April.\n\nHollin Tool Works GmbH, Germany (Akira)\nMachine maker Hollin Tool Works halted two plants after the intrusion. The company confirmed the attack and said its investigation of the stolen files is ongoing.\n\nBrackwater Clinic, Ohio (Rhysida)\nBrackwater Clinic began notifying 5,200 patients that data stolen in a March Rhysida attack included their names and dates of birth. The clinic said it restored its systems from backups.\n";
    let (incs, trace) = EnglishExtractor::new().extract(&doc(text));
    assert_eq!(incs.len(), 2, "{trace:?}");
    let attackers: Vec<Option<&str>> = incs
        .iter()
        .map(|i| i.attacker.as_ref().map(|a| a.value.as_str()))
        .collect();
    assert_eq!(attackers, [Some("Akira"), Some("Rhysida")]);
    // A gang named with no other cause in the story makes it ransomware.
    assert_eq!(incs[0].cause_value(), Cause::Ransomware);
}

#[test]
fn a_person_named_after_a_title_is_no_victim() {
    let text = "Tax firm's stolen laptop held client records\n\nLOWELL, Mass., March 4, 2025 - A laptop stolen from an employee of Penrose & Tate CPAs held tax records for nearly 700 clients, the firm said.\n\n\"We are notifying every client,\" managing partner Ruth Tate said in a statement.\n";
    let (names, trace) = victims(text);
    assert_eq!(names, ["Penrose & Tate CPAs"], "{trace:?}");
}

#[test]
fn a_name_described_before_it_is_the_subject() {
    let text = "Ransomware roundup: May\n\nHere are the organizations that made the news this month:\n- Danish furniture chain Holmvik was struck by ransomware in early May, and its shops could not take card payments for two days.\n";
    let (names, _) = victims(text);
    assert_eq!(names, vec!["Holmvik"]);
    // A short phrase and a comma lead into the subject of a second case.
    let text = "Two councils fined over emails\n\nMarrow County Council has been fined £60,000 by the ICO after an employee mistakenly sent details of vulnerable residents to the wrong list.\n\nIn a separate case, Tarnby District Council faces a £40,000 penalty after an officer emailed case notes to the wrong person.\n";
    let (names, _) = victims(text);
    assert_eq!(
        names,
        vec!["Marrow County Council", "Tarnby District Council"]
    );
}

#[test]
fn phishing_that_opened_the_mailboxes_is_the_cause() {
    let text = "Brightwater Clinic Notifies Patients of Email Incident\n\nBrightwater Clinic said an intruder got into two staff mailboxes. The accounts were taken over by phishing: an email made to look like it came from a colleague tricked staff into entering their passwords. The intruder may have seen names of 900 patients.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    assert_eq!(incs.len(), 1);
    assert_eq!(
        incs[0].cause.as_ref().map(|c| c.value),
        Some(Cause::Phishing)
    );
}

#[test]
fn a_suspected_phishing_route_leaves_the_stated_access() {
    let text = "Notice regarding unauthorized access\n\nKiriyama Tools Co., Ltd. announces that a server was accessed without authorization by a third party. An unknown party logged in using a maintenance account. The credentials are believed to have been obtained through a phishing e-mail sent to an employee. Information on 1,200 customers may have been exposed.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    assert_eq!(incs.len(), 1);
    assert_eq!(
        incs[0].cause.as_ref().map(|c| c.value),
        Some(Cause::UnauthorizedAccess)
    );
}

#[test]
fn an_extortion_group_claiming_an_attack_makes_it_ransomware() {
    let text = "Rhysida has claimed responsibility for an attack over the weekend that took down clinical systems at Saint Oswin's Hospital. The group says it made off with 410 GB of files.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    let names: Vec<&str> = incs.iter().map(|i| i.organization.value.as_str()).collect();
    let hospital = incs
        .iter()
        .find(|i| i.organization.value == "Saint Oswin's Hospital")
        .unwrap_or_else(|| panic!("no hospital in {names:?}"));
    assert_eq!(
        hospital.attacker.as_ref().map(|a| a.value.as_str()),
        Some("Rhysida")
    );
    assert_eq!(
        hospital.cause.as_ref().map(|c| c.value),
        Some(Cause::Ransomware)
    );
}

#[test]
fn a_health_regulator_s_access_disclosure_category_is_no_hacking() {
    let text = "Dunmore Family Clinic\nMarch 3, 2016\nDunmore Family Clinic reported an unauthorized access/disclosure involving paper records. Approximately 410 patients were affected.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    assert_eq!(incs.len(), 1);
    assert_eq!(incs[0].cause_value(), Cause::Misdisclosure);
    // The hacking phrase alone still reads as hacking.
    let text = "Dunmore Family Clinic\nMarch 3, 2016\nDunmore Family Clinic reported unauthorized access to its billing server. Approximately 410 patients were affected.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    assert_eq!(incs[0].cause_value(), Cause::UnauthorizedAccess);
}

#[test]
fn a_mistake_told_without_a_leak_word_is_an_incident() {
    let text = "Dunmore Family Clinic\nMarch 3, 2016\nA fax with the health information of a patient was sent to an incorrect number by Dunmore Family Clinic staff.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    assert_eq!(incs.len(), 1);
    assert_eq!(incs[0].organization.value, "Dunmore Family Clinic");
    assert_eq!(incs[0].cause_value(), Cause::Misdelivery);
    let text = "Dunmore Family Clinic\nMarch 3, 2016\nDunmore Family Clinic told 300 patients that their statements may have been viewed by other patients because of a software glitch in its payment portal.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    assert_eq!(incs.len(), 1);
    assert_eq!(incs[0].cause_value(), Cause::Misdisclosure);
}

#[test]
fn the_related_stories_under_an_article_give_it_no_count() {
    let text = "Skip to content\nNews | Security | Newsletter\nWrenfield Foods discloses breach after ransomware attack\nBy A. Writer\nJune 3, 2024\nGrocery chain Wrenfield Foods has disclosed a data breach after a ransomware attack. The company said the attackers may have accessed the personal information of about 12,000 employees.\nRelated Articles\nHarrow Bank says hackers stole data of 80,000 customers\nTags: Data Breach, Ransomware\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    let names: Vec<_> = incs.iter().map(|i| i.organization.value.clone()).collect();
    assert_eq!(names, vec!["Wrenfield Foods".to_string()]);
    assert_eq!(
        incs[0].affected.as_ref().map(|c| c.value.value),
        Some(12000)
    );
}

#[test]
fn a_notification_letter_s_unauthorized_actor_is_hacking() {
    let text = "Notice of Data Security Incident\nKelby Dental Group, LLC\nJuly 12, 2023\nDear Patient:\nKelby Dental Group (\"Kelby\") is writing to inform you of an incident that may have involved some of your information.\nWhat Happened? On March 3, 2023, Kelby discovered suspicious activity in our email environment. We immediately launched an investigation with the assistance of third-party forensic specialists. The investigation determined that an unauthorized actor accessed two employee email accounts between February 27, 2023 and March 3, 2023.\nWhat Information Was Involved? The accounts may have included your name, date of birth and Social Security number.\nWhat We Are Doing. We reset passwords for the affected accounts and implemented multi-factor authentication.\nWhat You Can Do. We encourage you to remain vigilant against identity theft and fraud.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    assert_eq!(incs.len(), 1);
    assert_eq!(incs[0].cause_value(), Cause::UnauthorizedAccess);
    assert_eq!(incs[0].date(DateKind::Detected), ymd(2023, 3, 3));
}

#[test]
fn the_staff_whose_mailboxes_were_opened_are_no_insiders() {
    let text = "Notice of Data Security Incident\nKelby Dental Group, LLC\nJuly 12, 2023\nDear Patient:\nKelby Dental Group is writing to inform you of an incident that may have involved some of your information.\nWhat Happened? On March 3, 2023, Kelby Dental Group discovered suspicious activity in its email environment. The investigation determined that an unauthorized actor accessed two employee email accounts between February 27, 2023 and March 3, 2023.\nWhat Information Was Involved? The accounts may have included your name, date of birth and Social Security number.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    assert_eq!(incs.len(), 1);
    assert_eq!(incs[0].cause_value(), Cause::UnauthorizedAccess);
}

#[test]
fn the_vendor_a_victim_s_story_names_is_its_processor() {
    let text = "Harlow Medical Center notifies patients of vendor data breach\nJune 9, 2024\nHarlow Medical Center said on Friday that patient information was exposed in a cyberattack on one of its vendors, billing services firm Claymore Data Services. Claymore discovered on April 22 that an unauthorized party had accessed its network and copied files of 48,200 Harlow patients.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    assert_eq!(incs[0].organization.value, "Harlow Medical Center");
    let related: Vec<_> = incs[0]
        .related
        .iter()
        .map(|r| (r.value.name.as_str(), r.value.role))
        .collect();
    assert_eq!(
        related,
        vec![("Claymore Data Services", RelationRole::Processor)]
    );
    // A firm's own trade in an appositive is no vendor role.
    let text = "Kotobuki Gas Co., a city gas supplier in the Kansai region, said hackers stole the data of 9,000 customers.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    assert!(incs.iter().all(|i| i
        .related
        .iter()
        .all(|r| r.value.role != RelationRole::Processor)));
}

#[test]
fn an_identity_card_s_number_is_no_payment_card() {
    let text = "Tamsin Outdoor Co.\nMay 2, 2024\nTamsin Outdoor Co. said hackers accessed files holding names, Social Security numbers and state identification card numbers of 1,200 customers.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    let types = incs[0].data_type_values();
    assert!(!types.contains(&DataType::CardNumber), "{types:?}");
    assert!(!incs[0].card_data_value());
}

#[test]
fn a_trade_before_a_name_is_cut_and_encrypted_servers_are_ransomware() {
    let text = "Kadowaki confirms attack\nJune 3, 2024\nPublisher Kadowaki Corp. confirmed on Monday that attackers had encrypted servers of its video service. User data may have been stolen.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    assert_eq!(incs[0].organization.value, "Kadowaki Corp.");
    assert_eq!(incs[0].cause_value(), Cause::Ransomware);
}

#[test]
fn a_digest_of_described_items_and_headed_entries_names_every_victim() {
    let text = "Breaches we tracked in April 2025\n\nOur monthly list of incidents made public last month.\n\nRansomware\n\n\u{2022} Corbell Savings Bank (banking, USA) \u{2013} 6,200 records\nThe bank's file servers were encrypted by ransomware on 3 April. Customer names and account numbers were stolen, the bank said.\n\n\u{2022} Pinegate Veterinary Clinics (animal health, UK) \u{2013} unknown\nThe Akira gang listed the clinic chain on its leak site on 12 April and claims to hold client records.\n\nCyber attacks\n\nHollin Ridge Academy (education, UK)\nAn attacker used a stolen staff password to get into the school's records system and downloaded pupils' names and addresses.\nRecords breached: about 1,400.\n\nMerrow Cash (fintech, Ireland)\nAttackers took over 2,310 customer accounts in a credential-stuffing attack on 19 April and viewed balances and transactions.\n";
    let (names, trace) = victims(text);
    for want in [
        "Corbell Savings Bank",
        "Pinegate Veterinary Clinics",
        "Hollin Ridge Academy",
        "Merrow Cash",
    ] {
        assert!(
            names.iter().any(|n| n == want),
            "{want} missing: {names:?}\n{trace:#?}"
        );
    }
    assert_eq!(names.len(), 4, "{names:?}");
}

#[test]
fn a_notice_with_section_headings_has_one_victim() {
    let text = "Notice Concerning the Exposure of Member Data Due to a File Sharing Error\nKessing Foods Co., Ltd.\n\nKessing Foods Co., Ltd. (\"Kessing Foods\") announces that files holding member data could be opened by anyone on the internet because of a wrong sharing setting on a file service the company uses.\n\nSummary\nOn March 3, 2025, a staff member changed the sharing setting of a folder used with delivery partners, and the folder became viewable by anyone with its link. On March 20, 2025, a member told us that a search engine showed one of the files. We closed the link the same day.\n\nScope\nThe folder held more than 2,000 member records, including names and phone numbers. Logs show downloads from unknown addresses.\n";
    let (names, trace) = victims(text);
    assert_eq!(
        names,
        vec!["Kessing Foods Co., Ltd.".to_string()],
        "{trace:#?}"
    );
}

#[test]
fn a_filing_s_own_company_defines_itself() {
    let text = "UNITED STATES\nSECURITIES AND EXCHANGE COMMISSION\n\nFORM 8-K\n\nCURRENT REPORT\nPursuant to Section 13 or 15(d) of the Securities Exchange Act of 1934\n\nDate of Report: May 14, 2025\n\nMARLOWE-TESS FOUNDRIES, INC.\n(Exact name of registrant as specified in its charter)\n\nCommon Stock | MTFI | The Nasdaq Stock Market LLC\n\nItem 1.05 Material Cybersecurity Incidents.\n\nOn May 12, 2025, Marlowe-Tess Foundries, Inc. (the \"Company\") detected unauthorized activity on some of its systems. The Company took certain systems offline and notified federal law enforcement. The investigation is ongoing.\n";
    let (names, trace) = victims(text);
    assert_eq!(
        names,
        vec!["Marlowe-Tess Foundries, Inc.".to_string()],
        "{trace:#?}"
    );
}

#[test]
fn a_vendor_s_breach_and_the_clients_that_told_their_own_numbers_are_incidents() {
    let text = "Claims vendor breach reaches three clinics\nCare IT Weekly\nMarch 4, 2025 | Staff report\n\nPellworth Claims Services LLC, a billing company in Toledo, Ohio, says an attacker stole files holding patient information of its healthcare clients. Pellworth put the total at about 40,000 people.\n\nAn unauthorized actor copied files from its claims servers on or about February 2, 2025. Pellworth found the intrusion two days later.\n\nThree clients have issued notices of their own:\n\nAshby Vale Orthopedics said 18,204 of its patients were affected. Their names and dates of birth were in the stolen files.\n\nHarrow Creek Pediatrics, P.C. said the incident involved 6,310 patients and their guardians.\n\nThe Dunmore County Ambulance Authority said information on 9,870 people it transported was taken.\n\nPellworth is offering a year of credit monitoring.\n";
    let (names, trace) = victims(text);
    for want in [
        "Pellworth Claims Services LLC",
        "Ashby Vale Orthopedics",
        "Harrow Creek Pediatrics, P.C.",
        "Dunmore County Ambulance Authority",
    ] {
        assert!(
            names.iter().any(|n| n == want),
            "{want} missing: {names:?}\n{trace:#?}"
        );
    }
}

#[test]
fn a_listing_of_notification_forms_has_one_incident_per_record() {
    let text = "Office of the Attorney General\nData Breach Notifications\n\n------------------------------\nEntity Information\nEntity Name: Brindlemoor Escrow Services, Inc.\nCity: Dover\n\nBreach Information\nTotal number of persons affected: 4,210\nDate Breach Discovered: 02/19/2025\nDescription of Breach: An unauthorized party accessed an employee's email account.\n\n------------------------------\nEntity Information\nEntity Name: Quarry Hill Family Dentistry, PLLC\nCity: Bangor\n\nBreach Information\nTotal number of persons affected: 880\nDescription of Breach: A laptop holding patient records was stolen from a staff member's car.\n";
    let (names, trace) = victims(text);
    assert_eq!(
        names,
        vec![
            "Brindlemoor Escrow Services, Inc.".to_string(),
            "Quarry Hill Family Dentistry, PLLC".to_string()
        ],
        "{trace:#?}"
    );
}

#[test]
fn an_earlier_incident_of_another_organisation_the_story_recalls_is_its_own() {
    let text = "Pharmacy chain says hackers took 80,000 customers' records\n\nHolloway Pharmacies Inc. said on Monday that an attacker broke into its prescription system in July and stole the names and addresses of 80,000 customers. The company has notified the state attorney general.\n\nThe breach is the second at a regional healthcare business this year. It follows a similar incident at Wrenfield Home Nursing in March, when a hacker stole the records of about 12,000 patients from a manager's mailbox.\n";
    let (incs, trace) = EnglishExtractor::new().extract(&doc(text));
    let names: Vec<&str> = incs.iter().map(|i| i.organization.value.as_str()).collect();
    assert_eq!(
        names,
        vec!["Holloway Pharmacies Inc.", "Wrenfield Home Nursing"],
        "{trace:#?}"
    );
    let count = |i: usize| incs[i].affected.as_ref().map(|c| c.value.value);
    assert_eq!((count(0), count(1)), (Some(80_000), Some(12_000)));
}

#[test]
fn staff_who_take_data_on_the_way_out_are_insiders() {
    let text = "Car dealer reports data theft by departing manager\n\nBramble & Coe Motors Ltd said a former sales manager copied customer names, phone numbers and finance details before leaving to join a competing dealership. About 2,300 customers were affected.\n";
    let (incs, trace) = EnglishExtractor::new().extract(&doc(text));
    assert_eq!(incs.len(), 1, "{trace:#?}");
    assert_eq!(incs[0].cause_value(), Cause::Insider, "{trace:#?}");
}

#[test]
fn a_table_of_breaches_has_one_incident_per_row_with_its_cells_facts() {
    // A regulator's portal as text extraction leaves it: a heading row, rows of tab-separated
    // cells, a description line under each row.
    let text = "Breach Portal: Notices of Breaches of Health Information\nCases Currently Under Investigation | Archive\nThis page lists breaches of unsecured health information affecting 500 or more individuals.\nExpand\tName of Covered Entity\tState\tIndividuals Affected\tBreach Submission Date\tType of Breach\n+\tHollins Ferry Family Medicine, PA\tMD\t6,240\t03/12/2025\tHacking/IT Incident\nDescription: An unauthorized party accessed the practice's network on January 30, 2025 and copied patient names and dates of birth.\n+\tQuillby Home Health Services\tVT\t911\t03/18/2025\tTheft\nDescription: A laptop holding patient names and diagnoses was stolen from an employee's car.\nShowing 1 to 2 of 2 entries\n";
    let (incs, trace) = EnglishExtractor::new().extract(&doc(text));
    let names: Vec<&str> = incs.iter().map(|i| i.organization.value.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "Hollins Ferry Family Medicine, PA",
            "Quillby Home Health Services"
        ],
        "{trace:#?}"
    );
    let count = |i: usize| incs[i].affected.as_ref().map(|c| c.value.value);
    assert_eq!((count(0), count(1)), (Some(6_240), Some(911)), "{trace:#?}");
    let disclosed = |i: usize| incs[i].date(DateKind::Disclosed);
    assert_eq!(
        (disclosed(0), disclosed(1)),
        (ymd(2025, 3, 12), ymd(2025, 3, 18)),
        "{trace:#?}"
    );
    // The description's own date is the breach's, not the row's reported day.
    assert_eq!(
        incs[0].date(DateKind::Occurred),
        ymd(2025, 1, 30),
        "{trace:#?}"
    );
    assert_eq!(incs[1].cause_value(), Cause::Theft, "{trace:#?}");
}

#[test]
fn a_list_of_notices_reads_its_breach_date_and_exposed_data_columns() {
    let text = "Data Breach Notifications\nNotices received by the Attorney General in April 2025.\nOrganization Name\tDate(s) of Breach\tReported Date\tNumber of Residents Affected\tInformation Compromised\nMarrick Lane Credit Union\t02/11/2025\t04/02/2025\t2,118\tNames, Social Security numbers\nSolvig Outdoor Supply, Inc.\t01/05/2025 - 03/01/2025\t04/09/2025\t377\tNames, credit card numbers\n";
    let (incs, trace) = EnglishExtractor::new().extract(&doc(text));
    assert_eq!(incs.len(), 2, "{trace:#?}");
    let second = &incs[1];
    assert_eq!(second.organization.value, "Solvig Outdoor Supply, Inc.");
    assert_eq!(
        second.date(DateKind::Occurred),
        ymd(2025, 1, 5),
        "{trace:#?}"
    );
    assert_eq!(
        second.date(DateKind::Disclosed),
        ymd(2025, 4, 9),
        "{trace:#?}"
    );
    let types: Vec<DataType> = second.data_types.iter().map(|d| d.value).collect();
    assert!(
        types.contains(&DataType::Name) && types.contains(&DataType::CardNumber),
        "{types:?}"
    );
    assert_eq!(second.card_data.as_ref().map(|c| c.value), Some(true));
    assert_eq!(
        incs[0]
            .affected
            .as_ref()
            .map(|c| (c.value.value, c.value.unit.as_str())),
        Some((2_118, "residents"))
    );
}

#[test]
fn a_board_telling_its_schools_incident_is_the_schools_parent() {
    let text = "District says laptop with student records was stolen\n\nA counsellor at Fernhill Elementary School had a laptop holding the names, birth dates and test scores of 230 students stolen from her car last week, the Harrowgate School District said on Tuesday. The laptop was password-protected but not encrypted.\n";
    let (incs, trace) = EnglishExtractor::new().extract(&doc(text));
    assert_eq!(incs.len(), 1, "{trace:#?}");
    assert_eq!(incs[0].organization.value, "Fernhill Elementary School");
    assert!(
        incs[0]
            .related
            .iter()
            .any(|r| r.value.name == "Harrowgate School District"
                && r.value.role == RelationRole::Parent),
        "{:?}",
        incs[0].related
    );
    // A school named in a summary of the district's own breach stays a bystander.
    let summary = "Harrowgate School District\n\nA student at Fernhill Elementary School hacked into a district computer and copied the Social Security numbers of 1,900 district employees.\n";
    let (names, trace) = victims(summary);
    assert_eq!(
        names,
        vec!["Harrowgate School District".to_string()],
        "{trace:#?}"
    );
}

#[test]
fn a_judge_and_a_federal_court_district_are_no_victims() {
    let text = "U.S. Attorney's Office\nSouthern District of Ohio\n\nHacker sentenced for stealing insurer's customer data\n\nCOLUMBUS - District Judge Marion T. Okafor sentenced a 29-year-old man to 46 months in prison for breaking into the network of Hartwell Mutual Insurance Company and stealing the personal information of about 91,000 policyholders. The Southern District of Ohio said the man sold the data online.\n";
    let (names, trace) = victims(text);
    assert_eq!(
        names,
        vec!["Hartwell Mutual Insurance Company".to_string()],
        "{trace:#?}"
    );
}

#[test]
fn a_news_lead_before_subheadings_is_a_story_of_its_own() {
    let text = "Home > News > Security > Play gang claims attack on Ferncliff Logistics\n\nPlay gang claims attack on Ferncliff Logistics\n\nBy Dana Whitlock\n\nThe Play ransomware gang has claimed a cyberattack on Ferncliff Logistics, an Ohio-based warehousing company, saying it stole 80 GB of data including employees' Social Security numbers.\n\nFerncliff said it detected suspicious activity on its network on June 2 and took systems offline while it investigates.\n\nRetailer also listed\n\nThe same day, the gang also listed Marrowgate Outdoor Supply Co., a Maine-based outdoor retailer, claiming to have stolen customer records. Marrowgate did not respond to a request for comment.\n\nAbout the gang\n\nPlay has been active since 2022 and is known for stealing data before it encrypts systems. The gang publishes stolen data when victims refuse to pay.\n";
    let (names, trace) = victims(text);
    assert_eq!(
        names,
        vec![
            "Ferncliff Logistics".to_string(),
            "Marrowgate Outdoor Supply Co.".to_string()
        ],
        "{trace:#?}"
    );
}

#[test]
fn another_organisations_incident_framed_by_the_sentence_before_is_its_own() {
    let text = "Clinic chain hit by ransomware\n\nAshwood Family Clinics said on Monday that a ransomware attack had encrypted its scheduling servers and exposed the records of about 12,400 patients.\n\nAshwood is not the only regional provider to report a breach this year. In March, Pellham County Hospital disclosed that an employee had lost an unencrypted laptop holding the names of 860 patients.\n";
    let (incs, trace) = EnglishExtractor::new().extract(&doc(text));
    let names: Vec<&str> = incs.iter().map(|i| i.organization.value.as_str()).collect();
    assert_eq!(
        names,
        vec!["Ashwood Family Clinics", "Pellham County Hospital"],
        "{trace:#?}"
    );
    let count = |i: usize| incs[i].affected.as_ref().map(|c| c.value.value);
    assert_eq!((count(0), count(1)), (Some(12_400), Some(860)));
}

#[test]
fn a_date_in_parentheses_closing_a_digest_entry_is_its_disclosure() {
    let text = "Weekly roundup: data leaks reported this week\n\nBanking\n\nHollin Ridge Savings Bank said statements of 212 customers were mailed to the wrong addresses after a sorting error. (June 16, 2025)\n\nRetail\n\nMarlowe & Finch Ltd said card details of up to 3,517 customers may have been stolen after an attacker altered its checkout page. (June 18, 2025)\n";
    let (incs, trace) = EnglishExtractor::new().extract(&doc(text));
    assert_eq!(incs.len(), 2, "{trace:#?}");
    assert_eq!(
        incs[0].date(DateKind::Disclosed),
        ymd(2025, 6, 16),
        "{trace:#?}"
    );
    assert_eq!(
        incs[1].date(DateKind::Disclosed),
        ymd(2025, 6, 18),
        "{trace:#?}"
    );
}

#[test]
fn clients_introduced_together_then_told_one_by_one_are_incidents_each() {
    // The processor's story names its clients in one sentence, then each client tells its own
    // number in a paragraph; a client's shorter name (`Halden & Roe`) is the same client.
    let text = "Quillmont Benefits left a server open with files of two employers' staff\n\nA misconfigured file server belonging to Quillmont Benefits Inc., a Boise-based benefits administrator, exposed more than 90,000 records, a researcher said.\n\nIn a statement, Quillmont said the server had been left open to the internet during a migration and that it has notified its affected clients.\n\nThe researcher said the files he reviewed belonged to at least two Quillmont clients: Halden & Roe Logistics Group, which runs warehouses in Idaho, and the Pinecrest Valley Water Authority (PVWA) in Oregon.\n\nHalden & Roe said in a statement that it is notifying approximately 12,400 current and former employees whose information was in the files.\n\nA PVWA spokesperson said records of up to 830 employees and retirees were on the server.\n\nQuillmont did not say how many clients had data on the server.\n";
    let (names, _) = victims(text);
    assert_eq!(
        names,
        [
            "Quillmont Benefits Inc.",
            "Halden & Roe Logistics Group",
            "Pinecrest Valley Water Authority"
        ]
    );
}

#[test]
fn a_product_launch_by_a_security_vendor_has_no_incident() {
    let text = "NEWS PROVIDED BY\nOrrow Defence Ltd.\nJan 8, 2026, 09:00 ET\n\nOrrow Defence Launches CopyLock 3 to Stop Ransomware Before Backups Are Hit\n\nLEEDS, England -- Orrow Defence Ltd. today announced the general availability of CopyLock 3. Ransomware gangs stole data from hundreds of firms last year, and attackers now target backups first.\n\nMedia contact\nPriya Oduya\npress@orrow.example\n";
    let (names, trace) = victims(text);
    assert!(names.is_empty(), "{names:?}");
    assert!(trace
        .iter()
        .any(|n| n.message.contains("product announcement")));
}

#[test]
fn a_closing_point_that_recalls_a_story_s_victim_leaves_the_stories_apart() {
    let text = "Regulator Closes Two Privacy Cases\nDalby & Wren LLP\n\nThe commissioner announced the outcome of two investigations this month.\n\nMarrick Eye Clinic – $80,000 settlement\n\nMarrick Eye Clinic reported that an employee's mailbox was accessed after a phishing email on March 2, 2024, exposing records of 5,210 patients. Marrick agreed to a corrective action plan.\n\nTorvale Pharmacy Ltd – $45,000 penalty\n\nA laptop holding prescriptions of 1,940 customers was stolen from a Torvale Pharmacy Ltd car park on June 9, 2024. Torvale did not contest the penalty.\n\nTakeaways\n\n• Train staff. As at Marrick Eye, one click opened every mailbox.\n• Encrypt devices. Unencrypted laptops remain the commonest loss.\n";
    let (names, _) = victims(text);
    assert_eq!(names, ["Marrick Eye Clinic", "Torvale Pharmacy Ltd"]);
}

#[test]
fn clients_telling_their_numbers_before_a_later_heading_are_incidents_each() {
    let text = "Attackers Used Upload Flaw to Take Files From Billing Firm Norwick\n\nNorwick Billing Services LLC, a billing company for dental practices, says hackers stole patient files after exploiting a flaw in its upload portal between April 2 and April 4, 2025. Norwick said it found the intrusion on April 4 and hired an outside firm.\n\nNorwick told regulators that 120,400 individuals are affected.\n\nSeveral clients have posted notices.\n\nAshby Lane Dental Group said on May 9 that information of 41,300 patients was in the files.\n\nTernmoor Orthodontics Inc. said up to 9,250 patients are affected. The practice said its own network was not accessed.\n\nGang lists the firm\n\nThe Quarrow extortion group added Norwick to its leak site last week. Quarrow steals data and threatens to publish it.\n\nWhat comes next\n\nNorwick is offering credit monitoring. It has not said whether it paid a ransom.\n";
    let (names, _) = victims(text);
    assert_eq!(
        names,
        [
            "Norwick Billing Services LLC",
            "Ashby Lane Dental Group",
            "Ternmoor Orthodontics Inc."
        ]
    );
}

#[test]
fn a_long_numbered_heading_still_opens_its_digest_entry() {
    let text = "This week in breaches\n\n1. Gang lists Pellow Marine Supply\n\nThe Corvex gang on Monday added Pellow Marine Supply Inc. to its leak site and claimed to have stolen 80 GB of files. Pellow said it was restoring systems.\n\n2. Nagoya retailer emails its member list to 51 suppliers by mistake\n\nMinamihara Trading K.K., a Nagoya retailer of garden tools, said an employee attached the wrong file to an email sent to 51 suppliers. The file held the names and phone numbers of 3,112 members.\n\n3. Council loses a folder on a bus\n\nEastwick Borough Council said an officer left a folder with notes on 12 families on a bus. The folder has not been found.\n";
    let (names, _) = victims(text);
    assert_eq!(
        names,
        [
            "Pellow Marine Supply Inc.",
            "Minamihara Trading K.K.",
            "Eastwick Borough Council"
        ]
    );
}

#[test]
fn a_party_reprimanded_beside_a_fined_one_is_a_second_victim() {
    let text = "ICO fines recruiter over exposed storage\n\nThe Information Commissioner's Office has fined Bramwell Staffing Ltd £90,000 after a misconfigured storage bucket exposed the CVs of 30,500 job seekers.\n\nThe bucket had been open since a migration in 2022. Bramwell found it only after a researcher wrote to the company, and it had never reviewed who could reach its storage.\n\nSeparately, we have issued a reprimand to Oakhurst Community Health Trust after letters holding the test results of 188 patients were posted to old addresses. Several letters were opened by new occupants.\n\nThe reprimand requires Oakhurst to check addresses before any patient mailing. Bramwell has 28 days to appeal.\n";
    let (names, _) = victims(text);
    assert_eq!(
        names,
        ["Bramwell Staffing Ltd", "Oakhurst Community Health Trust"]
    );
}

#[test]
fn a_story_that_counts_itself_the_second_recalls_the_first_as_its_own_incident() {
    let text = "Vantry Foods says ransomware hit its plants\n\nVantry Foods Inc. said on Monday that a ransomware attack encrypted servers at two of its plants and that files holding employee data were taken.\n\nThe company said it is notifying about 2,300 workers.\n\nVantry is the second food processor in Iowa to report a breach this year. In February, Cedar Mill Packing said that an intruder had gained access to a payroll mailbox after a phishing email, exposing the bank details of about 900 employees.\n";
    let (names, _) = victims(text);
    assert_eq!(names, ["Vantry Foods Inc.", "Cedar Mill Packing"]);
}

#[test]
fn phishing_told_without_the_word_is_phishing() {
    let text = "Notice of Data Security Incident\n\nWillowmere Credit Union is writing to tell you about an incident involving an employee email account. On May 2, 2025, an employee received an email that appeared to come from our payroll provider and entered their password on a website that imitated our sign-in page. An unauthorized party then used the password to access the employee's mailbox, which held the names and account numbers of 640 members.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    assert_eq!(incs.len(), 1);
    assert_eq!(
        incs[0].cause.as_ref().map(|c| c.value),
        Some(Cause::Phishing)
    );
}

#[test]
fn code_planted_on_a_checkout_page_is_an_intrusion_and_mailed_notices_are_no_misdelivery() {
    let text = "Notice of Data Security Incident\n\nBrindlewood Candles LLC is writing to tell customers about an incident. On or about March 2, 2025, Brindlewood learned that an unauthorized third party had placed malicious code on the checkout page of its online store, which captured card numbers and expiration dates entered between January 6 and March 2, 2025. Brindlewood began mailing notification letters to the 1,840 affected customers on April 10, 2025.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    assert_eq!(incs[0].cause_value(), Cause::UnauthorizedAccess);
}

#[test]
fn strong_phishing_cues_outweigh_a_group_no_cue_speaks_for() {
    let text = "Hollyoak & Penn CPAs, PLLC\n\nNOTICE OF DATA SECURITY INCIDENT\n\nHollyoak & Penn CPAs, PLLC is providing notice of an incident involving one employee's email account.\n\nWhat happened\n\nOn or about March 10, 2025, we discovered that a rule had been created in one employee's mailbox that automatically forwarded incoming messages to an outside email address. The investigation found that on March 3, 2025, the employee had received an email that appeared to come from a client's bookkeeper and had entered her login credentials on a page that imitated our sign-in page.\n\nWhat information was involved\n\nThe forwarded messages contained names, dates of birth and bank account numbers of 1,204 clients.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    assert_eq!(incs[0].cause_value(), Cause::Phishing);
}

#[test]
fn a_notification_listing_states_each_records_facts_in_its_labelled_lines() {
    let text = "Data Breach Notifications Received\n\n\
Organization Name: Harrowgate Dental Partners, PLLC\n\
Date(s) of Breach: 04/02/2025 – 04/09/2025\n\
Date Breach Discovered: 04/11/2025\n\
Date Notice Provided to Consumers: 05/20/2025\n\
Date Reported to AG: 05/22/2025\n\
Number of Montana Residents Affected: 41\n\
Total Number of Persons Affected: 2,318\n\
Type of Breach: Hacking\n\
Description: An unauthorized actor accessed the practice's patient scheduling server.\n\
Information Involved: Name; Date of birth; Social Security number\n\n\
Organization Name: Pellworth Storage Co.\n\
Date(s) of Breach: 03/30/2025\n\
Date Breach Discovered: 04/01/2025\n\
Date Reported to AG: 04/25/2025\n\
Number of Montana Residents Affected: 77\n\
Total Number of Persons Affected: Not provided\n\
Type of Breach: Loss of device\n\
Description: A backup drive holding customer records could not be located after an office move.\n\
Information Involved: Name; Address\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    assert_eq!(incs.len(), 2, "{incs:?}");
    let date = |i: &CandidateIncident, k: DateKind| i.date(k);
    let dental = &incs[0];
    assert_eq!(dental.affected.as_ref().map(|a| a.value.value), Some(2318));
    assert_eq!(date(dental, DateKind::Occurred), ymd(2025, 4, 2));
    assert_eq!(date(dental, DateKind::Detected), ymd(2025, 4, 11));
    // The consumers' notice, not the report to the list's keeper.
    assert_eq!(date(dental, DateKind::Disclosed), ymd(2025, 5, 20));
    let storage = &incs[1];
    // No total: the residents' part.
    assert_eq!(storage.affected.as_ref().map(|a| a.value.value), Some(77));
    assert_eq!(date(storage, DateKind::Detected), ymd(2025, 4, 1));
    assert_eq!(date(storage, DateKind::Disclosed), ymd(2025, 4, 25));
}

#[test]
fn a_network_encrypted_after_data_was_exfiltrated_is_ransomware() {
    let text = "Weekly roundup\n\nHarrowgate Tools GmbH confirmed in a statement on its website on March 12 that data had been exfiltrated from its file servers before parts of its network were encrypted.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    assert_eq!(incs.len(), 1, "{incs:?}");
    assert_eq!(
        incs[0].cause.as_ref().map(|c| c.value),
        Some(Cause::Ransomware)
    );
    // Data taken and nothing encrypted is an intrusion.
    let text = "Weekly roundup\n\nHarrowgate Tools GmbH confirmed in a statement on its website on March 12 that data had been exfiltrated from its file servers.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    assert_eq!(
        incs[0].cause.as_ref().map(|c| c.value),
        Some(Cause::UnauthorizedAccess)
    );
}

#[test]
fn a_law_firm_seeking_claimants_is_no_victim() {
    let text = "Tamsin & Vale LLP\nConsumer Protection Attorneys\n\nData breach investigation\n\nPosted on October 24, 2025 by Tamsin & Vale LLP\n\n\
Tamsin & Vale LLP is investigating claims on behalf of people whose personal information was exposed in a data breach at Harrowgate Dental Partners, PLLC. \
According to its notice letter, an unauthorized party accessed an employee's email account between May 19 and May 22, 2025. \
The breach affected 4,120 people.\n\nContact Tamsin & Vale LLP to learn more about your rights.\n";
    let (names, _) = victims(text);
    assert_eq!(
        names,
        vec!["Harrowgate Dental Partners, PLLC".to_string()],
        "{names:?}"
    );
}

#[test]
fn clients_telling_their_count_in_their_second_sentence_are_incidents_beside_the_vendor() {
    let text = "Vendor breach spreads to more clients\n\n\
Three more organizations have disclosed that their customers' data was stolen in the May breach of Tarnwick Records Management, a document storage company whose file-transfer server was hacked.\n\n\
Tarnwick said an unauthorized party exploited a flaw in its file transfer software on May 27 and downloaded files from the server. Tarnwick has not published a total count.\n\n\
Harlow Mutual Insurance Company began mailing letters on July 18 to 48,213 policyholders whose files Tarnwick received for scanning.\n\n\
Quillby Federal Credit Union told members in an email on Tuesday that loan documents it had sent to Tarnwick were among the stolen files. The credit union said information of up to 19,500 members was involved.\n\n\
Marrow Health Plan posted a substitute notice on its website on July 11 saying that claims files exchanged through Tarnwick were taken. A breach report it filed lists 112,604 affected members.\n";
    let (names, _) = victims(text);
    for want in [
        "Harlow Mutual Insurance Company",
        "Quillby Federal Credit Union",
        "Marrow Health Plan",
    ] {
        assert!(names.iter().any(|n| n == want), "{want} missing: {names:?}");
    }
}

#[test]
fn a_day_said_to_be_the_first_announcement_is_the_disclosure() {
    let text = "Hospital system mails breach letters\n\nBy Jane Roe | October 8, 2025\n\n\
Tarnwick Regional Health said Monday that letters went out by first-class mail to 48,000 patients whose records were stolen in a ransomware attack.\n\n\
Tarnwick first disclosed the attack in a post on its website on Aug. 15, 2025, describing it as a cybersecurity incident.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    assert_eq!(incs.len(), 1, "{incs:?}");
    assert_eq!(incs[0].date(DateKind::Disclosed), ymd(2025, 8, 15));
}

#[test]
fn a_story_s_subject_after_its_dateline_and_an_adverb_is_the_victim() {
    let text = "Local news\n\nSALT RIDGE, Ore. — The Salt Ridge Unified School District now says the cyberattack that shut down its computers was a ransomware attack, and that hackers stole files on more than 12,000 people.\n\nIt is the second incident in the region. In September, nearby Corbin Valley School District said an attacker who tricked a payroll clerk with a fake login page downloaded tax forms for about 400 employees.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    assert!(
        incs.iter().any(
            |i| i.organization.value == "Salt Ridge Unified School District"
                && i.cause_value() == Cause::Ransomware
        ),
        "{:?}",
        incs.iter()
            .map(|i| &i.organization.value)
            .collect::<Vec<_>>()
    );
    assert_eq!(after_dateline_for_test("SALT RIDGE, Ore. — The"), "The");
    assert_eq!(
        after_dateline_for_test("In May — as it said — the"),
        "In May — as it said — the"
    );
}

fn after_dateline_for_test(s: &str) -> &str {
    super::orgs::after_news_dateline(s)
}

#[test]
fn a_newsletter_s_numbered_stories_between_rules_each_have_their_victim() {
    let text = "ByteWire\nThe weekly briefing on who got hacked\n\nByteWire Weekly: a college spreadsheet and a stolen laptop\n\nGood morning. Here are the stories you should know about this week.\n\n────────────────────\n1. Alder Hill College posts applicant data on the open web\n\nAlder Hill College's admissions office uploaded a spreadsheet listing 1,140 applicants, with their names and dates of birth, to a public page. The university said the file was downloaded 9 times.\nNov. 30, 2026\n\n────────────────────\n2. Quarry Lane Home Care laptop stolen from nurse's car\n\nA laptop used by a Quarry Lane Home Care nurse was stolen from her car on Oct. 31. It held the names and diagnoses of 905 patients.\nDec. 3, 2026\n\n────────────────────\nForward this to a colleague | Unsubscribe\nByteWire is reader-supported. © 2026 ByteWire Media LLC\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    let names: Vec<&str> = incs.iter().map(|i| i.organization.value.as_str()).collect();
    assert!(names.contains(&"Alder Hill College"), "{names:?}");
    assert!(names.contains(&"Quarry Lane Home Care"), "{names:?}");
    assert!(!names.iter().any(|n| n.contains("ByteWire")), "{names:?}");
    // Each entry's closing date line is the day it was made public.
    let alder = incs
        .iter()
        .find(|i| i.organization.value == "Alder Hill College")
        .expect("Alder Hill College");
    assert_eq!(alder.date(DateKind::Disclosed), ymd(2026, 11, 30));
}

#[test]
fn clients_told_in_sections_under_their_own_headings_are_incidents_beside_the_vendor() {
    let text = "Health IT News\n\nBilling vendor breach grows as hospital clients come forward\n\nA cyberattack on billing company Tallow Billing Services, LLC has affected nearly 900,000 patients, according to a letter the company filed last week. The company said an intruder copied files from a statement server.\n\nTallow said it has reported the incident to law enforcement and is notifying its clients.\n\nOrrin Valley: 86,220 patients\n\nOrrin Valley Medical Center, a 300-bed hospital, is the largest client to come forward so far. Orrin Valley reported the breach to regulators on Nov. 21 as affecting 86,220 individuals.\n\nOrrin Valley said it has ended its contract with Tallow.\n\nKestle Pediatric Group\n\nKestle Pediatric Group announced on Monday that more than 21,000 of its patients were affected. Kestle said it received its patient list from Tallow on Oct. 2.\n\nKestle's chief executive said the practice trusted the vendor.\n\nLawsuits follow\n\nAt least two proposed class actions have been filed against Tallow since October.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    let names: Vec<&str> = incs.iter().map(|i| i.organization.value.as_str()).collect();
    for want in [
        "Tallow Billing Services, LLC",
        "Orrin Valley Medical Center",
        "Kestle Pediatric Group",
    ] {
        assert!(names.contains(&want), "{want}: {names:?}");
    }
}

#[test]
fn a_gang_the_text_introduces_as_one_is_the_attacker_not_a_victim() {
    let text = "Brackmoor adds a foundry to its leak site\n\nPosted by the research team on Nov 26, 2026\n\nThe Brackmoor ransomware group posted a new victim to its data leak site this week. Brackmoor claims 740 GB of stolen data from Ossel Precision Castings and has published samples.\n\nBrackmoor has listed 41 victims since May. Ossel Precision Castings said it identified unusual activity on its network on November 19, 2026.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    let names: Vec<&str> = incs.iter().map(|i| i.organization.value.as_str()).collect();
    assert!(!names.contains(&"Brackmoor"), "{names:?}");
    assert!(names.contains(&"Ossel Precision Castings"), "{names:?}");
}

#[test]
fn an_earlier_incident_counted_as_the_second_is_recalled_with_its_own_victim() {
    let text = "County laptop stolen from caseworker's car\n\nA laptop belonging to the Marlow County Department of Human Services was stolen from a caseworker's car last month, exposing personal information about roughly 1,460 clients. The laptop was not encrypted.\n\nThe county is offering one year of credit monitoring to affected clients.\n\nIt is the county's second data incident in two years. In 2024, the Marlow County Treasurer's Office mailed about 3,100 property tax statements to the wrong addresses, sending homeowners' names and tax amounts to their neighbors.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    let names: Vec<&str> = incs.iter().map(|i| i.organization.value.as_str()).collect();
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("Marlow County Treasurer")),
        "{names:?}"
    );
    let dhs = incs
        .iter()
        .find(|i| i.organization.value == "Marlow County Department of Human Services")
        .expect("the story's victim");
    assert_eq!(dhs.affected.as_ref().map(|c| c.value.value), Some(1_460));
}

#[test]
fn a_wrong_attachment_is_a_misdelivery_and_a_flaw_told_by_what_it_let_anyone_do_a_vulnerability() {
    let text = "On Nov. 10, an office assistant at Larch Hill Elementary School attached the wrong file to the school's weekly family newsletter, a spreadsheet listing 318 students' names and birth dates.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    assert_eq!(incs[0].cause_value(), Cause::Misdelivery);
    let text = "Kestle Health, which runs a patient portal used by clinics, fixed a flaw that let any logged-in user view another patient's lab results by changing a number in the web address. Kestle Health said the records of up to 41,000 patients could have been viewed.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    assert_eq!(incs[0].cause_value(), Cause::Vulnerability);
}

#[test]
fn addresses_typed_in_the_open_instead_of_the_bcc_field_are_a_misdelivery() {
    let text = "We have fined Tarnwell Housing Association Limited £40,000 after a member of staff sent an email that revealed the email addresses of 912 people receiving support to every other person on the list. Instead of placing the recipients in the \"bcc\" field, the employee entered all of the addresses in the \"to\" field.\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    assert_eq!(incs[0].cause_value(), Cause::Misdelivery);
}

#[test]
fn a_notice_record_written_with_dot_leaders_is_read_as_a_form() {
    let text = "SECURITY BREACH NOTICE DETAIL\n\nENTITY INFORMATION\nOrganization name ......................... Fenwick Home Comfort, Inc.\nStreet address ............................ 77 Foundry Road\n\nBREACH INFORMATION\nTotal number of persons affected ............ 12,904\nTotal number of Vermont residents affected .. 311\nDate breach discovered ...................... 10/02/2026\nType of breach .............................. Insider wrongdoing\nDate(s) of consumer notification ............ 11/13/2026\n";
    let (incs, _) = EnglishExtractor::new().extract(&doc(text));
    assert_eq!(incs[0].organization.value, "Fenwick Home Comfort, Inc.");
    assert_eq!(
        incs[0].affected.as_ref().map(|c| c.value.value),
        Some(12_904)
    );
    assert_eq!(incs[0].date(DateKind::Detected), ymd(2026, 10, 2));
}

#[test]
fn a_listed_company_s_notice_header_is_no_form_record() {
    // `Company name: X` over `Representative:` and the securities code heads the holding
    // company's notice; the subsidiary the notice is about is the victim, the holding company
    // its parent.
    let text = "April 9, 2025\nTo whom it may concern\n\nCompany name: Kawasemi Holdings, Inc.\nRepresentative: Taro Minase, President\n(Securities code: 4321, Prime Market of the Tokyo Stock Exchange)\nContact: Hana Oda, Public Relations\n\nNotice Regarding Unauthorized Access to Our Online Shop\n\nKawasemi Mart Co., Ltd. (\"Kawasemi Mart\"), a consolidated subsidiary of Kawasemi Holdings, Inc. (the \"Company\"), suspended its online shop after unauthorized access by a third party was found. Card information of up to 5,120 customers may have leaked.\nKawasemi Mart will notify the customers concerned by e-mail.\n";
    let (names, trace) = victims(text);
    assert_eq!(
        names,
        vec!["Kawasemi Mart Co., Ltd.".to_string()],
        "{trace:?}"
    );
    // A state's notification form keeps its records.
    let form = "Data Breach Notifications\n\nEntity Name: Brindlemoor Escrow Services, Inc.\nCity: Dover\nTotal number of persons affected: 4,210\nDescription of Breach: An unauthorized party accessed an employee's email account.\n";
    let (names, _) = victims(form);
    assert_eq!(names, vec!["Brindlemoor Escrow Services, Inc.".to_string()]);
}

#[test]
fn a_subsidiary_its_owner_introduces_in_the_incident_is_the_victim() {
    let text = "Mizuchi Holdings says travel unit's mailbox was hijacked\n\nOSAKA – Mizuchi Holdings Inc., the Osaka-based railway group, said Friday that an outside party had gained access to an email account at its travel agency subsidiary, Mizuchi Travel Service Co., possibly exposing the personal information of about 12,300 customers.\nThe mailbox held customers' names, phone numbers and passport numbers.\n";
    let (incs, trace) = EnglishExtractor::new().extract(&doc(text));
    let names: Vec<&str> = incs.iter().map(|i| i.organization.value.as_str()).collect();
    assert_eq!(names, vec!["Mizuchi Travel Service Co."], "{trace:?}");
    let parents: Vec<&str> = incs[0]
        .related
        .iter()
        .filter(|r| r.value.role == RelationRole::Parent)
        .map(|r| r.value.name.as_str())
        .collect();
    assert_eq!(parents, vec!["Mizuchi Holdings Inc."]);
}

#[test]
fn introduced_as_subsidiary_reads_the_owner_s_words() {
    let t = "Acme said its subsidiary Beta Co. was hit.";
    assert!(orgs::introduced_as_subsidiary_at(
        t,
        t.find("Beta").unwrap_or(0)
    ));
    let t = "Acme said an account at its travel agency subsidiary, Beta Co., was hijacked.";
    assert!(orgs::introduced_as_subsidiary_at(
        t,
        t.find("Beta").unwrap_or(0)
    ));
    // A subsidiary of a named company is the other way round.
    let t = "Beta Co., a subsidiary of Acme, said it was hit.";
    assert!(!orgs::introduced_as_subsidiary_at(
        t,
        t.find("Acme").unwrap_or(0)
    ));
    // Too many words after `its` to be one description.
    let t = "its systems were down for days while the subsidiary Beta Co. recovered";
    assert!(!orgs::introduced_as_subsidiary_at(
        t,
        t.find("Beta").unwrap_or(0)
    ));
}

#[test]
fn a_masthead_s_tagline_names_no_organisation() {
    let text = "THE MARROW VALLEY GAZETTE\nServing Tansy County since 1902\n\nCounty laptop with benefit files stolen\n\nA laptop and paper case files belonging to the Tansy County Department of Social Services were stolen from a caseworker's car, exposing personal information about roughly 800 people who receive benefits.\nThe department said it is notifying everyone affected.\n";
    let (names, trace) = victims(text);
    assert_eq!(
        names,
        vec!["Tansy County Department of Social Services".to_string()],
        "{trace:?}"
    );
}

#[test]
fn an_organisation_cited_for_its_own_case_is_its_victim() {
    let (v, _) = victims("Laptop stolen\n\nA laptop containing records of 1,150 customers was stolen from an employee's car, according to Northfield School District.\n");
    assert_eq!(v, vec!["Northfield School District".to_string()]);
    let (v, _) = victims("Laptop stolen\n\nA laptop containing records of 1,150 customers was stolen from a car, according to Reuters.\n");
    assert!(!v.iter().any(|n| n == "Reuters"), "{v:?}");
}

#[test]
fn an_incident_heading_names_no_one() {
    let (v, _) = victims("Notice of Data Security Incident\n\nThe privacy and security of the personal information entrusted to us is of the utmost importance to Maplewood Senior Living. On March 3, 2024, we discovered suspicious activity in our email environment. The investigation determined that information of 940 individuals may have been accessed.\n");
    assert!(!v.iter().any(|n| n == "Incident"), "{v:?}");
}
