//! Owns the word lists that describe the language of leak reports: sentence markers (leak
//! verbs, hedges, negations, statistics, advice), cause terms, data-type terms, threat actors,
//! and the generic nouns that are never organisation names. Tables only; the automata that
//! search them are built once in `Lexicons::new`.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use leakwatch_model::{Cause, DataType};

/// Sentence marker flags (bit set).
pub mod mark {
    /// The sentence talks about an incident (attack, leak, loss, misdelivery…).
    pub const INCIDENT: u32 = 1 << 0;
    /// A leak verb: 流出/漏えい/漏洩/窃取…
    pub const LEAK: u32 = 1 << 1;
    /// A hedge: 可能性/恐れ/おそれ/懸念/疑い.
    pub const HEDGE: u32 = 1 << 2;
    /// A negation of what was found: 確認されていない/含まれていない…
    pub const NEGATION: u32 = 1 << 3;
    /// Market or survey statistics: 前年比/構成比/%/過去最多…
    pub const STAT: u32 = 1 << 4;
    /// Advice or generic discussion: ましょう/ください/一般的に/近年…
    pub const GENERIC: u32 = 1 << 5;
    /// A definitive statement: 流出した/漏えいを確認/判明…
    pub const CONFIRM: u32 = 1 << 6;
    /// First-person reference of the issuer: 当社/弊社/本学…
    pub const SELF_REF: u32 = 1 << 7;
    /// Third-person anaphor: 同社/同病院/同大…
    pub const ANAPHOR: u32 = 1 << 8;
    /// Data words: 情報/データ/メールアドレス/顧客…
    pub const DATA: u32 = 1 << 9;
    /// Background reference to an earlier case: 以来/前回/過去に取り上げた…
    pub const BACKGROUND: u32 = 1 << 10;
    /// A survey or ranking report by a third party: 調査結果/調査の結果を発表…
    pub const SURVEY: u32 = 1 << 11;
    /// Inside an advice section (a heading about 対策/予防/警戒… and what follows it).
    pub const ADVICE: u32 = 1 << 12;
    /// `調査結果を発表`: a survey's results when statistics stand beside it, else the
    /// investigation of one incident (resolved into SURVEY by the scan).
    pub const SURVEY_OR_INVESTIGATION: u32 = 1 << 13;
    /// Under a news page's related-articles heading (`■関連記事`): other stories' headlines.
    pub const RELATED: u32 = 1 << 14;
    /// The related-articles list itself, up to a ranking heading (`アクセスランキング`): its
    /// headlines are other stories, while a ranking's may be this month's incidents.
    pub const RELATED_LIST: u32 = 1 << 15;
}

/// (term, marker flags).
pub const MARKERS: &[(&str, u32)] = {
    use mark::*;
    &[
        // incidents and leaks
        ("不正アクセス", INCIDENT),
        ("不正ログイン", INCIDENT),
        ("サイバー攻撃", INCIDENT),
        ("ランサムウェア", INCIDENT),
        ("ランサムウエア", INCIDENT),
        ("マルウェア", INCIDENT),
        ("マルウエア", INCIDENT),
        ("ウイルス", INCIDENT),
        ("標的型", INCIDENT),
        ("フィッシング", INCIDENT),
        ("乗っ取", INCIDENT),
        ("誤送信", INCIDENT),
        ("誤送付", INCIDENT),
        ("誤って", INCIDENT),
        ("紛失", INCIDENT),
        ("置き忘れ", INCIDENT),
        ("なくした", INCIDENT),
        ("盗難", INCIDENT),
        ("盗まれ", INCIDENT),
        ("持ち出", INCIDENT),
        ("閲覧できる状態", INCIDENT),
        ("読み取れる状態", INCIDENT),
        ("読める状態", INCIDENT),
        ("見られる状態", INCIDENT),
        ("見える状態", INCIDENT),
        ("取得できる状態", INCIDENT),
        ("参照できる状態", INCIDENT),
        ("ダウンロードできる状態", INCIDENT),
        ("表示される状態", INCIDENT),
        ("閲覧可能な状態", INCIDENT),
        ("閲覧可能", INCIDENT),
        ("脆弱性", INCIDENT),
        ("インシデント", INCIDENT),
        ("情報漏えい", INCIDENT | LEAK),
        ("情報漏洩", INCIDENT | LEAK),
        ("漏えい", INCIDENT | LEAK),
        ("漏洩", INCIDENT | LEAK),
        ("流出", INCIDENT | LEAK),
        ("漏れ", LEAK),
        ("窃取", INCIDENT | LEAK),
        ("盗み出", INCIDENT | LEAK),
        ("盗取", INCIDENT | LEAK),
        ("不正に取得", INCIDENT | LEAK),
        ("不正に持ち出", INCIDENT | LEAK),
        ("不正利用", INCIDENT),
        ("被害", INCIDENT),
        ("改ざん", INCIDENT),
        ("侵入", INCIDENT),
        ("感染", INCIDENT),
        ("犯行声明", INCIDENT),
        ("誤公開", INCIDENT),
        ("誤掲載", INCIDENT),
        ("誤表示", INCIDENT),
        ("誤交付", INCIDENT),
        ("誤配布", INCIDENT),
        ("誤配送", INCIDENT),
        ("誤廃棄", INCIDENT),
        ("誤封入", INCIDENT),
        ("一斉送信", INCIDENT),
        ("偽サイト", INCIDENT),
        ("なりすまし", INCIDENT),
        ("逮捕", INCIDENT),
        ("書類送検", INCIDENT),
        ("不正にログイン", INCIDENT),
        ("ログインされ", INCIDENT),
        ("閲覧された", INCIDENT),
        ("所在不明", INCIDENT),
        ("見つからない", INCIDENT),
        ("誤って廃棄", INCIDENT),
        ("BCCではなく", INCIDENT),
        ("宛先を誤", INCIDENT),
        ("誤発送", INCIDENT),
        // definitive statements
        ("流出した", CONFIRM),
        ("流出しました", CONFIRM),
        ("流出している", CONFIRM),
        ("流出を確認", CONFIRM),
        ("流出が確認", CONFIRM),
        ("漏えいした", CONFIRM),
        ("漏えいしました", CONFIRM),
        ("漏洩した", CONFIRM),
        ("漏洩しました", CONFIRM),
        ("漏えいを確認", CONFIRM),
        ("漏洩を確認", CONFIRM),
        ("漏えいが確認", CONFIRM),
        ("漏洩が確認", CONFIRM),
        ("漏えいがある", CONFIRM),
        ("漏えいがあった", CONFIRM),
        ("漏えいすることとな", CONFIRM),
        ("漏洩することとな", CONFIRM),
        ("漏えいさせ", CONFIRM),
        ("漏洩させ", CONFIRM),
        ("流出させ", CONFIRM),
        ("流出する事態", CONFIRM),
        ("漏えいする事態", CONFIRM),
        ("漏えいしたもの", CONFIRM),
        ("漏えいを発生させ", CONFIRM),
        ("漏洩を発生させ", CONFIRM),
        ("漏えいが発生した", CONFIRM),
        ("漏洩が発生した", CONFIRM),
        ("盗み出しました", CONFIRM),
        ("盗み出した", CONFIRM),
        ("窃取された", CONFIRM),
        ("盗取された", CONFIRM),
        ("持ち出された", CONFIRM),
        ("持ち出していた", CONFIRM),
        ("持ち出した", CONFIRM),
        // someone did see or take the data: views and downloads on record, a leak-site post
        ("閲覧されていた", CONFIRM),
        ("閲覧された", CONFIRM),
        ("ダウンロードされていた", CONFIRM),
        ("ダウンロードされた", CONFIRM),
        ("回閲覧", CONFIRM),
        ("回ダウンロード", CONFIRM),
        ("件の閲覧", CONFIRM),
        ("アクセスされていた", CONFIRM),
        ("掲載されていることを確認", CONFIRM),
        ("公開されていることを確認", CONFIRM),
        ("売却していた", CONFIRM),
        ("売却した", CONFIRM),
        ("名簿業者に", CONFIRM),
        ("公開したことが確認", CONFIRM),
        ("公開されたことを確認", CONFIRM),
        ("漏えい事件を起こし", CONFIRM),
        ("漏洩事件を起こし", CONFIRM),
        // hedges
        ("可能性", HEDGE),
        ("恐れ", HEDGE),
        ("おそれ", HEDGE),
        ("懸念", HEDGE),
        ("疑い", HEDGE),
        ("かもしれ", HEDGE),
        ("とみられ", HEDGE),
        ("と見られ", HEDGE),
        ("推測", HEDGE),
        ("蓋然性", HEDGE),
        ("ようだ", HEDGE),
        ("ようです", HEDGE),
        ("模様", HEDGE),
        ("見込み", HEDGE),
        // negations
        ("確認されていない", NEGATION),
        ("確認されておりません", NEGATION),
        ("確認されていません", NEGATION),
        ("確認できておりません", NEGATION),
        ("確認できていない", NEGATION),
        ("確認されず", NEGATION),
        ("含まれていない", NEGATION),
        ("含まれておりません", NEGATION),
        ("含まれていません", NEGATION),
        ("含まれません", NEGATION),
        ("判明していない", NEGATION),
        ("保有していな", NEGATION),
        ("保持していな", NEGATION),
        // polite and continuative negatives: `当社では保持しておりません`, `保存しておらず`
        ("ておりません", NEGATION),
        ("ていません", NEGATION),
        ("ておらず", NEGATION),
        ("取り扱っていな", NEGATION),
        ("ございません", NEGATION),
        ("事実はない", NEGATION),
        ("報告は受けておりません", NEGATION),
        ("報告はない", NEGATION),
        ("報告もない", NEGATION),
        ("恐れはない", NEGATION),
        ("おそれはない", NEGATION),
        ("可能性はない", NEGATION),
        ("流出していない", NEGATION),
        ("漏えいしていない", NEGATION),
        // statistics
        ("前年比", STAT),
        ("前年同期比", STAT),
        ("前年", STAT),
        ("前月比", STAT),
        ("構成比", STAT),
        ("%", STAT),
        ("過去最多", STAT),
        ("過去最悪", STAT),
        ("年連続", STAT),
        ("上半期", STAT),
        ("下半期", STAT),
        ("年間", STAT),
        ("累計", STAT),
        ("平均", STAT),
        ("内訳", STAT),
        ("推移", STAT),
        ("割合", STAT),
        ("件のうち", STAT),
        ("ページビュー", STAT),
        ("閲覧数", STAT),
        ("人口", STAT),
        ("出荷", STAT),
        ("上場企業", STAT),
        ("記事", STAT),
        // survey reports by third parties (not the investigation of one incident, whose
        // `調査結果を発表` is the report itself)
        ("調査結果", SURVEY_OR_INVESTIGATION),
        ("調査の結果を発表", SURVEY_OR_INVESTIGATION),
        ("調査を発表", SURVEY_OR_INVESTIGATION),
        ("集計結果", SURVEY_OR_INVESTIGATION),
        ("集計を発表", SURVEY_OR_INVESTIGATION),
        ("調査結果によると", SURVEY),
        ("調査結果では", SURVEY),
        ("調査によると", SURVEY),
        ("実態調査", SURVEY),
        ("意識調査", SURVEY),
        ("動向調査", SURVEY),
        ("アンケート調査", SURVEY),
        ("を対象に調査", SURVEY),
        ("を対象とした調査", SURVEY),
        ("を対象に実施した調査", SURVEY),
        ("」調査", SURVEY),
        ("を調査した", SURVEY),
        // advice and generic discussion
        ("ましょう", GENERIC),
        ("ください", GENERIC),
        // advice (`確認すべきです`), not a slip (`BCCに入力すべきところを`)
        ("すべきです", GENERIC),
        ("すべきこと", GENERIC),
        ("すべきだ", GENERIC),
        ("すべきである", GENERIC),
        ("すべき点", GENERIC),
        ("べきです", GENERIC),
        ("推奨", GENERIC),
        ("一般的", GENERIC),
        ("近年", GENERIC),
        ("多くの企業", GENERIC),
        ("の多くは", GENERIC),
        ("ケースが", GENERIC),
        ("ケースも", GENERIC),
        ("とは、", GENERIC),
        ("の一種", GENERIC),
        ("対策", GENERIC),
        ("防ぐ", GENERIC),
        ("重要です", GENERIC),
        ("必要です", GENERIC),
        ("求められ", GENERIC),
        ("事例", GENERIC),
        ("ある中小企業", GENERIC),
        ("ある企業", GENERIC),
        ("傾向", GENERIC),
        ("増加して", GENERIC),
        ("増えて", GENERIC),
        ("注意", GENERIC),
        ("警戒", GENERIC),
        ("便乗", GENERIC),
        ("応じないで", GENERIC),
        ("今すぐ", GENERIC),
        ("教訓", GENERIC),
        // first-person issuer references
        ("当社", SELF_REF),
        ("当町", SELF_REF),
        ("本町", SELF_REF),
        ("当村", SELF_REF),
        ("当県", SELF_REF),
        ("当区", SELF_REF),
        ("弊学", SELF_REF),
        ("弊院", SELF_REF),
        ("弊行", SELF_REF),
        ("当財団", SELF_REF),
        ("当センター", SELF_REF),
        ("本ストア", SELF_REF),
        ("当ストア", SELF_REF),
        ("弊店", SELF_REF),
        ("弊社", SELF_REF),
        ("本学", SELF_REF),
        ("当院", SELF_REF),
        ("本院", SELF_REF),
        ("当法人", SELF_REF),
        ("本法人", SELF_REF),
        ("当組合", SELF_REF),
        ("本校", SELF_REF),
        ("当校", SELF_REF),
        ("本市", SELF_REF),
        ("当市", SELF_REF),
        ("本県", SELF_REF),
        ("当機構", SELF_REF),
        ("当協会", SELF_REF),
        ("当行", SELF_REF),
        ("当団体", SELF_REF),
        ("本サイト", SELF_REF),
        ("当サイト", SELF_REF),
        ("当店", SELF_REF),
        ("当ショップ", SELF_REF),
        ("当金庫", SELF_REF),
        ("本委員会", SELF_REF),
        ("当委員会", SELF_REF),
        ("本教育委員会", SELF_REF),
        ("当園", SELF_REF),
        ("本園", SELF_REF),
        ("当大学", SELF_REF),
        ("当会", SELF_REF),
        // anaphors
        ("同社", ANAPHOR),
        ("同病院", ANAPHOR),
        ("同院", ANAPHOR),
        ("同大", ANAPHOR),
        ("同市", ANAPHOR),
        ("同県", ANAPHOR),
        ("同町", ANAPHOR),
        ("同村", ANAPHOR),
        ("同区", ANAPHOR),
        ("同行", ANAPHOR),
        ("同機構", ANAPHOR),
        ("同法人", ANAPHOR),
        ("同校", ANAPHOR),
        ("同省", ANAPHOR),
        ("同庁", ANAPHOR),
        ("同センター", ANAPHOR),
        ("同サイト", ANAPHOR),
        ("同グループ", ANAPHOR),
        ("同協会", ANAPHOR),
        ("同組合", ANAPHOR),
        ("同JA", ANAPHOR),
        ("同生協", ANAPHOR),
        ("同財団", ANAPHOR),
        ("同団体", ANAPHOR),
        ("同クリニック", ANAPHOR),
        ("同医院", ANAPHOR),
        ("同店", ANAPHOR),
        ("当該", ANAPHOR),
        // data words
        ("情報", DATA),
        ("データ", DATA),
        ("メールアドレス", DATA),
        ("アカウント", DATA),
        ("顧客", DATA),
        ("会員", DATA),
        ("利用者", DATA),
        ("ユーザー", DATA),
        ("氏名", DATA),
        ("住所", DATA),
        ("対象", DATA),
        ("件数", DATA),
        ("患者", DATA),
        ("人分", DATA),
        ("名分", DATA),
        ("件分", DATA),
        ("個人", DATA),
        ("メール", DATA),
        // background references
        ("以来", BACKGROUND),
        ("取り上げた", BACKGROUND),
        ("前回", BACKGROUND),
        ("昨年の", BACKGROUND),
    ]
};

/// (term, cause, strength 0..1). Strength is how clearly the term names the cause.
pub const CAUSE_TERMS: &[(&str, Cause, f32)] = &[
    ("ランサムウェア", Cause::Ransomware, 1.0),
    ("ランサムウエア", Cause::Ransomware, 1.0),
    ("ランサム攻撃", Cause::Ransomware, 1.0),
    ("身代金要求型", Cause::Ransomware, 1.0),
    ("身代金を要求", Cause::Ransomware, 0.8),
    ("ランサムノート", Cause::Ransomware, 0.9),
    // the ransom and the encryption name the attack when the word ransomware is not used
    ("身代金", Cause::Ransomware, 1.0),
    ("暗号化され", Cause::Ransomware, 0.7),
    ("暗号化さ", Cause::Ransomware, 0.6),
    ("データを元に戻す", Cause::Ransomware, 0.8),
    ("元に戻す代わり", Cause::Ransomware, 0.9),
    ("元に戻すことと引き換え", Cause::Ransomware, 0.9),
    ("復号", Cause::Ransomware, 0.6),
    // the demand told without the word ransom (`金銭を支払え`, `暗号資産を支払うよう求める`) and
    // what the staff saw (`ファイルの名前が意味のわからない文字列に書き換えられ`, `脅迫文`)
    ("金銭を支払", Cause::Ransomware, 0.9),
    ("金銭の要求", Cause::Ransomware, 0.9),
    ("金銭を要求", Cause::Ransomware, 0.9),
    ("暗号資産を支払", Cause::Ransomware, 0.9),
    ("暗号資産を要求", Cause::Ransomware, 0.9),
    ("支払いを要求", Cause::Ransomware, 0.7),
    ("支払うよう求め", Cause::Ransomware, 0.7),
    ("脅迫文", Cause::Ransomware, 0.8),
    ("脅迫メッセージ", Cause::Ransomware, 0.8),
    ("拡張子が変更", Cause::Ransomware, 0.7),
    ("拡張子が書き換え", Cause::Ransomware, 0.7),
    ("文字列に書き換え", Cause::Ransomware, 0.6),
    ("マルウェア", Cause::Malware, 0.9),
    ("マルウエア", Cause::Malware, 0.9),
    ("ウイルス感染", Cause::Malware, 0.8),
    ("ウィルス感染", Cause::Malware, 0.8),
    ("ウイルスに感染", Cause::Malware, 0.9),
    ("コンピュータウイルス", Cause::Malware, 0.8),
    ("標的型メール", Cause::Malware, 0.9),
    ("標的型攻撃", Cause::Malware, 0.8),
    ("Emotet", Cause::Malware, 1.0),
    ("エモテット", Cause::Malware, 1.0),
    ("情報窃取型", Cause::Malware, 0.9),
    ("フィッシング", Cause::Phishing, 0.9),
    ("偽サイト", Cause::Phishing, 0.9),
    ("を装った", Cause::Phishing, 0.6),
    ("を装う", Cause::Phishing, 0.6),
    ("偽メール", Cause::Phishing, 0.6),
    ("偽のサイト", Cause::Phishing, 0.9),
    ("偽のページ", Cause::Phishing, 0.9),
    ("偽ページ", Cause::Phishing, 0.9),
    ("偽のログイン", Cause::Phishing, 0.9),
    ("偽のメール", Cause::Phishing, 0.7),
    // credentials typed into a page the attacker controls
    ("を入力してしまい", Cause::Phishing, 0.8),
    ("を入力してしまった", Cause::Phishing, 0.8),
    ("誤送信", Cause::Misdelivery, 1.0),
    ("誤送付", Cause::Misdelivery, 1.0),
    ("誤配信", Cause::Misdelivery, 1.0),
    ("誤配布", Cause::Misdelivery, 0.9),
    ("誤発送", Cause::Misdelivery, 1.0),
    ("誤って添付", Cause::Misdelivery, 0.9),
    ("添付を誤", Cause::Misdelivery, 0.9),
    ("間違って送", Cause::Misdelivery, 1.0),
    ("誤ったメールアドレス", Cause::Misdelivery, 1.0),
    ("誤ったアドレス", Cause::Misdelivery, 1.0),
    ("誤って入れ", Cause::Misdelivery, 0.8),
    ("誤って手渡", Cause::Misdelivery, 0.9),
    ("誤って渡", Cause::Misdelivery, 0.8),
    // recipients' addresses shown to each other
    ("アドレスが表示された", Cause::Misdelivery, 0.9),
    ("表示された状態で送", Cause::Misdelivery, 0.9),
    ("宛先欄", Cause::Misdelivery, 0.6),
    ("誤配送", Cause::Misdelivery, 0.9),
    ("誤配達", Cause::Misdelivery, 0.9),
    ("誤封入", Cause::Misdelivery, 0.9),
    ("封入誤り", Cause::Misdelivery, 0.9),
    ("封入ミス", Cause::Misdelivery, 0.9),
    ("重ねて封入", Cause::Misdelivery, 0.9),
    ("別の世帯の封筒", Cause::Misdelivery, 0.9),
    ("別人の封筒", Cause::Misdelivery, 0.9),
    ("誤って郵送", Cause::Misdelivery, 1.0),
    ("誤って発送", Cause::Misdelivery, 1.0),
    ("誤って交付", Cause::Misdelivery, 0.9),
    ("誤交付", Cause::Misdelivery, 0.9),
    ("誤って送信", Cause::Misdelivery, 1.0),
    ("誤って送付", Cause::Misdelivery, 1.0),
    ("誤って別", Cause::Misdelivery, 0.6),
    ("宛先を誤", Cause::Misdelivery, 1.0),
    ("宛先に", Cause::Misdelivery, 0.6),
    ("宛先(TO)", Cause::Misdelivery, 0.9),
    ("BCC", Cause::Misdelivery, 0.8),
    ("一斉送信", Cause::Misdelivery, 0.7),
    ("Bcc", Cause::Misdelivery, 0.8),
    ("TO送信", Cause::Misdelivery, 1.0),
    ("(To)で送信", Cause::Misdelivery, 1.0),
    ("(TO)で送信", Cause::Misdelivery, 1.0),
    ("メールアドレスが表示される", Cause::Misdelivery, 0.9),
    ("誤FAX", Cause::Misdelivery, 1.0),
    ("FAXを誤", Cause::Misdelivery, 1.0),
    ("閲覧できる状態", Cause::Misconfiguration, 0.6),
    ("読み取れる状態", Cause::Misconfiguration, 0.6),
    ("読める状態", Cause::Misconfiguration, 0.6),
    ("見える状態", Cause::Misconfiguration, 0.6),
    ("ダウンロードできる状態", Cause::Misconfiguration, 0.6),
    ("黒塗り", Cause::Misdisclosure, 0.6),
    ("マスキング", Cause::Misdisclosure, 0.5),
    // Data left viewable is mostly a setting left open (misconfiguration); the cause model
    // reads a posted file or page (`掲載`, cue family `posting`) as misdisclosure.
    ("閲覧可能な状態", Cause::Misconfiguration, 0.6),
    ("閲覧可能となって", Cause::Misconfiguration, 0.6),
    ("閲覧可能になって", Cause::Misconfiguration, 0.6),
    ("誤って掲載", Cause::Misdisclosure, 1.0),
    ("誤掲載", Cause::Misdisclosure, 1.0),
    ("誤って公開", Cause::Misdisclosure, 1.0),
    ("誤公開", Cause::Misdisclosure, 1.0),
    ("誤表示", Cause::Misdisclosure, 0.8),
    ("公開状態", Cause::Misconfiguration, 0.6),
    ("設定ミス", Cause::Misconfiguration, 1.0),
    ("設定の誤り", Cause::Misconfiguration, 1.0),
    ("設定を誤", Cause::Misconfiguration, 1.0),
    ("誤った設定", Cause::Misconfiguration, 1.0),
    ("不適切な設定", Cause::Misconfiguration, 1.0),
    ("設定不備", Cause::Misconfiguration, 1.0),
    ("設定の不備", Cause::Misconfiguration, 1.0),
    ("設定に誤り", Cause::Misconfiguration, 1.0),
    ("設定に不備", Cause::Misconfiguration, 1.0),
    ("設定誤り", Cause::Misconfiguration, 1.0),
    ("設定が誤", Cause::Misconfiguration, 1.0),
    ("設定変更に誤り", Cause::Misconfiguration, 1.0),
    ("設定が不適切", Cause::Misconfiguration, 1.0),
    ("設定に問題", Cause::Misconfiguration, 0.9),
    ("公開設定", Cause::Misconfiguration, 0.9),
    ("共有設定", Cause::Misconfiguration, 0.9),
    ("アクセス権の設定", Cause::Misconfiguration, 0.9),
    ("アクセス権限の設定", Cause::Misconfiguration, 0.9),
    ("閲覧権限の設定", Cause::Misconfiguration, 0.9),
    ("と設定した", Cause::Misconfiguration, 0.9),
    ("設定にしていた", Cause::Misconfiguration, 0.9),
    ("設定になっていた", Cause::Misconfiguration, 0.9),
    ("接続できる設定", Cause::Misconfiguration, 0.9),
    ("アクセスできる設定", Cause::Misconfiguration, 0.9),
    ("閲覧できる設定", Cause::Misconfiguration, 0.9),
    (
        "アクセス制限を設定していなかった",
        Cause::Misconfiguration,
        1.0,
    ),
    (
        "アクセス制限がかかっていなかった",
        Cause::Misconfiguration,
        1.0,
    ),
    ("に設定していた", Cause::Misconfiguration, 0.9),
    ("紛失", Cause::Loss, 1.0),
    ("置き忘れ", Cause::Loss, 1.0),
    ("誤廃棄", Cause::Loss, 1.0),
    ("誤って廃棄", Cause::Loss, 1.0),
    ("誤って破棄", Cause::Loss, 1.0),
    ("所在不明", Cause::Loss, 0.9),
    ("遺失", Cause::Loss, 0.8),
    ("なくした", Cause::Loss, 0.8),
    ("盗難", Cause::Theft, 1.0),
    ("盗まれ", Cause::Theft, 0.9),
    ("車上荒らし", Cause::Theft, 1.0),
    ("ひったくり", Cause::Theft, 1.0),
    ("窃盗", Cause::Theft, 0.9),
    ("持ち出し", Cause::Insider, 0.9),
    ("持ち出さ", Cause::Insider, 0.9),
    ("持ち出す", Cause::Insider, 0.7),
    ("持出し", Cause::Insider, 0.9),
    ("内部不正", Cause::Insider, 1.0),
    ("元社員", Cause::Insider, 0.7),
    ("元従業員", Cause::Insider, 0.7),
    ("元職員", Cause::Insider, 0.7),
    ("営業秘密", Cause::Insider, 0.7),
    ("不正競争防止法", Cause::Insider, 0.8),
    ("私的に閲覧", Cause::Insider, 0.9),
    ("出向者が", Cause::Insider, 0.8),
    ("目的外", Cause::Insider, 0.6),
    ("横流し", Cause::Insider, 1.0),
    ("営業秘密の領得", Cause::Insider, 0.9),
    ("無断で閲覧", Cause::Insider, 0.9),
    ("無断で持ち出", Cause::Insider, 1.0),
    ("のぞき見", Cause::Insider, 0.9),
    ("興味本位", Cause::Insider, 0.7),
    ("守秘義務", Cause::Insider, 0.7),
    ("漏らした", Cause::Insider, 0.6),
    ("漏らして", Cause::Insider, 0.6),
    ("地方公務員法", Cause::Insider, 0.6),
    ("私的に利用", Cause::Insider, 0.9),
    ("業務外", Cause::Insider, 0.6),
    ("不正アクセス", Cause::UnauthorizedAccess, 0.8),
    ("不正ログイン", Cause::UnauthorizedAccess, 0.9),
    ("不正なアクセス", Cause::UnauthorizedAccess, 0.8),
    ("不正にアクセス", Cause::UnauthorizedAccess, 0.8),
    ("パスワードが解読", Cause::UnauthorizedAccess, 0.8),
    ("パスワードを解読", Cause::UnauthorizedAccess, 0.8),
    ("サイバー攻撃", Cause::UnauthorizedAccess, 0.6),
    ("乗っ取", Cause::UnauthorizedAccess, 0.8),
    ("ハッキング", Cause::UnauthorizedAccess, 0.7),
    ("リスト型攻撃", Cause::UnauthorizedAccess, 0.9),
    ("改ざん", Cause::UnauthorizedAccess, 0.6),
    ("SQLインジェクション", Cause::UnauthorizedAccess, 0.8),
    ("脆弱性", Cause::Vulnerability, 0.3),
    ("ぜい弱性", Cause::Vulnerability, 0.3),
    ("脆弱性が確認", Cause::Vulnerability, 1.2),
    ("脆弱性が見つか", Cause::Vulnerability, 1.2),
    ("脆弱性が判明", Cause::Vulnerability, 1.2),
    ("脆弱性が存在", Cause::Vulnerability, 1.2),
    ("脆弱性があることが", Cause::Vulnerability, 1.2),
];

/// (term, data types). Longest match wins, so compound terms come with their own mapping.
pub const DATA_TYPE_TERMS: &[(&str, &[DataType])] = {
    use DataType::*;
    &[
        ("氏名", &[Name]),
        ("名前", &[Name]),
        ("契約者名", &[Name]),
        ("名義人名", &[Name]),
        ("義人名", &[Name]),
        ("お名前", &[Name]),
        // the reading of a name, recorded as its name (`フリガナ`, `カナ氏名`)
        ("フリガナ", &[Name]),
        ("ふりがな", &[Name]),
        ("カナ氏名", &[Name]),
        // `担当者名`, `使用者名`, `申込者名`: a person's name by role
        ("者名", &[Name]),
        ("児童名", &[Name]),
        ("生徒名", &[Name]),
        ("学生名", &[Name]),
        ("患者名", &[Name]),
        ("個人名", &[Name]),
        ("宛名", &[Name]),
        // `カード名義人`, `口座名義人`: the holder's name.
        ("名義人", &[Name]),
        // `カード名義`, `カード番号、名義、有効期限`: the card holder's name among card items.
        ("カード名義", &[Name]),
        ("カード番号、名義", &[CardNumber, Name]),
        ("クレジットカード番号、名義", &[CardNumber, Name]),
        // A roster lists names (`生徒の名簿`).
        ("名簿", &[Name]),
        ("住所", &[Address]),
        ("郵便番号", &[Other]),
        ("電話番号", &[Phone]),
        ("携帯番号", &[Phone]),
        ("FAX番号", &[Phone]),
        ("ファクス番号", &[Phone]),
        ("ファックス番号", &[Phone]),
        ("メールアドレス", &[Email]),
        // A mail account broken into (`メールアカウントに不正アクセス`) is how, not what, leaked:
        // analysts record the addresses or passwords the text names, not the account.
        ("パスワード", &[Password]),
        ("ログインID", &[LoginId]),
        ("ユーザーID", &[LoginId]),
        ("ユーザID", &[LoginId]),
        ("登録ID", &[LoginId]),
        ("会員ID", &[LoginId]),
        ("アカウントID", &[LoginId]),
        ("利用者ID", &[LoginId]),
        // credentials named together: `IDとパスワード`, `ID・パスワード`
        ("IDとパスワード", &[LoginId, Password]),
        ("ID・パスワード", &[LoginId, Password]),
        ("ID/パスワード", &[LoginId, Password]),
        ("IDやパスワード", &[LoginId, Password]),
        ("IDおよびパスワード", &[LoginId, Password]),
        ("ID及びパスワード", &[LoginId, Password]),
        ("ID、パスワード", &[LoginId, Password]),
        ("アカウント名", &[LoginId]),
        ("ユーザー名", &[LoginId]),
        ("ユーザ名", &[LoginId]),
        ("生年月日", &[BirthDate]),
        ("誕生日", &[BirthDate]),
        ("性別", &[Gender]),
        ("クレジットカード番号", &[CardNumber]),
        ("クレジット番号", &[CardNumber]),
        ("カード番号", &[CardNumber]),
        ("クレジットカード情報", &[CardNumber]),
        ("カード情報", &[CardNumber]),
        ("有効期限", &[CardExpiry]),
        ("セキュリティコード", &[CardCvv]),
        ("セキュリティーコード", &[CardCvv]),
        ("口座番号", &[BankAccount]),
        ("口座情報", &[BankAccount]),
        ("銀行口座", &[BankAccount]),
        // The account salaries are paid into, or bills drawn from.
        ("振込口座", &[BankAccount]),
        ("振込先口座", &[BankAccount]),
        ("引落口座", &[BankAccount]),
        ("引き落とし口座", &[BankAccount]),
        // A residence card's number is an identity number, no payment card's.
        ("在留カード", &[Other]),
        ("マイナンバー", &[MyNumber]),
        ("個人番号", &[MyNumber]),
        ("診療", &[Health]),
        ("カルテ", &[Health]),
        ("患者", &[Health]),
        ("病歴", &[Health]),
        // `健康` alone is also in names (健康保険協会); its data compounds are listed.
        ("健康状態", &[Health]),
        ("健康診断", &[Health]),
        ("健診", &[Health]),
        ("検査結果", &[Health]),
        ("既往歴", &[Health]),
        ("アレルギー", &[Health]),
        ("処方", &[Health]),
        ("服薬", &[Health]),
        ("病名", &[Health]),
        ("病状", &[Health]),
        ("症状", &[Health]),
        ("診察", &[Health]),
        ("治療", &[Health]),
        ("受診", &[Health]),
        ("通院", &[Health]),
        ("入院", &[Health]),
        ("診断書", &[Health]),
        ("診断結果", &[Health]),
        ("医療情報", &[Health]),
        // Staff nouns alone (従業員, 職員) are read in context by datatypes.rs: staff whose
        // data leaked, not staff who acted.
        ("社員情報", &[EmployeeInfo]),
        ("職員情報", &[EmployeeInfo]),
        ("従業員情報", &[EmployeeInfo]),
        ("人事情報", &[EmployeeInfo]),
        ("社員番号", &[EmployeeInfo]),
        ("従業員番号", &[EmployeeInfo]),
        ("社員名簿", &[EmployeeInfo]),
        ("職員名簿", &[EmployeeInfo]),
        ("取引先", &[PartnerInfo]),
        ("代理店名", &[PartnerInfo]),
        ("代理店情報", &[PartnerInfo]),
        ("代理店の情報", &[PartnerInfo]),
        ("契約書", &[InternalDocuments]),
        ("内部文書", &[InternalDocuments]),
        ("社内文書", &[InternalDocuments]),
        ("会議資料", &[InternalDocuments]),
        ("行政文書", &[InternalDocuments]),
        ("内部資料", &[InternalDocuments]),
        ("社内資料", &[InternalDocuments]),
        ("業務資料", &[InternalDocuments]),
        ("業務文書", &[InternalDocuments]),
        ("捜査情報", &[InternalDocuments]),
        ("捜査資料", &[InternalDocuments]),
        ("議事録", &[InternalDocuments]),
        ("設計図", &[InternalDocuments]),
        ("図面", &[InternalDocuments]),
        ("顧客情報", &[CustomerInfo]),
        ("顧客データ", &[CustomerInfo]),
        ("顧客の個人情報", &[CustomerInfo]),
        ("お客様個人情報", &[CustomerInfo]),
        ("お客様の個人情報", &[CustomerInfo]),
        ("お客様の会員番号", &[CustomerInfo]),
        ("お客様情報", &[CustomerInfo]),
        // `お客さま` is how many companies write it
        ("お客さま情報", &[CustomerInfo]),
        ("お客さまの個人情報", &[CustomerInfo]),
        ("顧客管理番号", &[CustomerInfo]),
        ("利用者の個人情報", &[CustomerInfo]),
        ("会員情報", &[CustomerInfo]),
        ("ユーザー情報", &[CustomerInfo]),
        ("パスポート番号", &[Other]),
        ("証券番号", &[Other]),
        ("事故番号", &[Other]),
        ("端末識別番号", &[Other]),
        ("求職者", &[Other]),
        ("決済関連", &[Other]),
        ("機密情報", &[Other]),
        ("企業情報", &[Other]),
        ("金額", &[Other]),
        ("保険料", &[Other]),
        ("保険種類", &[Other]),
        ("購入履歴", &[Other]),
        ("注文履歴", &[Other]),
        ("その他の", &[Other]),
        // kinds of personal data the schema has no type for (analysts record `other`)
        ("成績", &[Other]),
        ("通知表", &[Other]),
        ("指導要録", &[Other]),
        ("学籍番号", &[Other]),
        ("学生番号", &[Other]),
        ("受験番号", &[Other]),
        ("続柄", &[Other]),
        ("職業", &[Other]),
        ("出席番号", &[Other]),
        ("学年", &[Other]),
        ("学校名", &[Other]),
        ("得点", &[Other]),
        ("点数", &[Other]),
        ("年齢", &[Other]),
        ("顔写真", &[Other]),
        ("証明写真", &[Other]),
        ("税額", &[Other]),
        ("課税", &[Other]),
        ("所得", &[Other]),
        ("収入", &[Other]),
        ("年収", &[Other]),
        ("残高", &[Other]),
        ("支給額", &[Other]),
        ("契約内容", &[Other]),
        ("契約番号", &[Other]),
        ("取引情報", &[Other]),
        ("取引内容", &[Other]),
        ("商品名", &[Other]),
        ("ポイント残高", &[Other]),
        ("保有ポイント", &[Other]),
        ("車両番号", &[Other]),
        ("車両情報", &[Other]),
        ("登録番号", &[Other]),
        ("被保険者番号", &[Other]),
        ("保険証", &[Other]),
        ("世帯主", &[Other]),
        ("家族構成", &[Other]),
        ("パスポート", &[Other]),
        ("旅券", &[Other]),
        ("履歴書", &[Other]),
        ("職歴", &[Other]),
        ("学歴", &[Other]),
        ("職員番号", &[Other]),
        ("支店名", &[Other]),
    ]
};

/// Generic personal-data words: recorded as `other` only when nothing more specific is found.
pub const GENERIC_PERSONAL_DATA: &[&str] = &["個人情報", "個人データ"];

/// Threat-actor names (canonical spelling first in each group).
pub const THREAT_ACTORS: &[(&str, &[&str])] = &[
    ("LockBit", &["LockBit", "Lockbit", "ロックビット"]),
    ("BlackCat", &["BlackCat", "ALPHV", "ブラックキャット"]),
    ("Akira", &["Akira", "アキラ"]),
    ("RansomHouse", &["RansomHouse", "ランサムハウス"]),
    ("BlackSuit", &["BlackSuit", "ブラックスーツ"]),
    ("Qilin", &["Qilin", "キリン"]),
    ("8Base", &["8Base", "8BASE"]),
    (
        "Play",
        &[
            "Playランサムウェア",
            "ランサムウェアPlay",
            "Play ransomware",
        ],
    ),
    ("Medusa", &["Medusa", "メデューサ"]),
    ("Rhysida", &["Rhysida", "ライシーダ"]),
    ("Cl0p", &["Cl0p", "Clop", "CL0P", "クロップ"]),
    (
        "RagnarLocker",
        &["RagnarLocker", "Ragnar Locker", "ラグナロッカー"],
    ),
    ("Conti", &["Conti", "コンティ"]),
    ("Hive", &["Hive"]),
    ("BianLian", &["BianLian"]),
    (
        "Black Basta",
        &["Black Basta", "BlackBasta", "ブラックバスタ"],
    ),
    ("Royal", &["Royalランサムウェア"]),
    ("Phobos", &["Phobos"]),
    ("Lazarus", &["Lazarus", "ラザルス"]),
    ("Emotet", &[]),
    ("Hunters International", &["Hunters International"]),
    ("Cactus", &["Cactus"]),
    ("NoEscape", &["NoEscape"]),
    ("Everest", &["Everest"]),
    ("Kill Security", &["KillSec", "Kill Security"]),
];

/// Words that are never organisation names on their own, though they look like one to the
/// name scanner (generic nouns, system words, pronouns, report vocabulary).
pub const GENERIC_NAMES: &[&str] = &[
    // kinds of shop or site, not names: `当社が運営するオンラインショップ「○○」`
    "オンラインショップ",
    "公式オンラインショップ",
    "オンラインストア",
    "公式オンラインストア",
    "ネットショップ",
    "通販サイト",
    "ECサイト",
    "公式サイト",
    "ウェブサイト",
    "ホームページ",
    "当社",
    "弊社",
    "同社",
    "本社",
    "会社",
    "企業",
    "法人",
    "団体",
    "組織",
    "子会社",
    "親会社",
    "関係会社",
    "関連会社",
    "グループ会社",
    "委託先",
    "委託元",
    "取引先",
    "事業者",
    "業者",
    "サイト",
    "ウェブサイト",
    "Webサイト",
    "ECサイト",
    "通販サイト",
    "システム",
    "サーバー",
    "サーバ",
    "PC",
    "パソコン",
    "端末",
    "ネットワーク",
    "アカウント",
    "メール",
    "クラウド",
    "サービス",
    "アプリ",
    "ホームページ",
    "HP",
    "データベース",
    "現在",
    "今回",
    "本件",
    "今後",
    "一方",
    "同日",
    "本日",
    "昨年",
    "今年",
    "近年",
    "調査",
    "原因",
    "件数",
    "概要",
    "経緯",
    "警察",
    "政府",
    "同大",
    "本学",
    "同病院",
    "個人",
    "顧客",
    "利用者",
    "会員",
    "社員",
    "職員",
    "従業員",
    "担当者",
    "店舗",
    "病院",
    "大学",
    "学校",
    "センター",
    "外部",
    "第三者",
    "攻撃者",
    "犯人",
    "容疑者",
    "ハッカー",
    "専門家",
    "同集団",
    "グループ",
    "市",
    "県",
    "町",
    "村",
    "区",
    "都",
    "府",
    "国",
    "地方",
    "市内",
    "県内",
    "海外",
    "国内",
    "日本",
    "米国",
    "韓国",
    "中国",
    "ロシア",
    "東証",
    "上場企業",
    "昨日",
    "本日",
    "今日",
    "先日",
    "今月",
    "先月",
    "今週",
    "先週",
    "今年度",
    "昨年度",
    "同月",
    "同年",
    "当日",
    "翌日",
    "前日",
    // labels of a notice or its headings (`重要` alone on a line, `【お知らせ】`)
    "重要",
    "お知らせ",
    "お詫び",
    "ご報告",
    "ご案内",
    "注意喚起",
    "緊急",
    "新着",
    "不正",
    "速報",
    "続報",
    "解説",
    "特集",
];

/// Government bodies that usually appear as regulators or recipients of reports, not victims.
pub const AUTHORITY_SUFFIXES: &[&str] = &[
    "個人情報保護委員会",
    "警察署",
    "警察",
    "県警",
    "府警",
    "道警",
    "警視庁",
    "警察庁",
    "金融庁",
    "総務省",
    "経済産業省",
    "厚生労働省",
    "文部科学省",
    "国土交通省",
    "消費者庁",
    "デジタル庁",
    "内閣",
    "教育委員会",
    "県教委",
    "市教委",
    "情報処理推進機構",
    "IPA",
    "JPCERT",
    "裁判所",
    "地検",
    "検察",
];

/// Which table a pattern of `Lexicons::all` comes from, with its index in that table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Marker(u32),
    Cause(usize),
    DataType(usize),
    GenericData,
    Actor(usize),
}

/// Compiled automata over the tables above.
pub struct Lexicons {
    /// Every table in one automaton searched once per document (overlapping matches);
    /// `tags` says which table and entry each pattern is.
    pub all: AhoCorasick,
    pub tags: Vec<Tag>,
    /// Pattern index → canonical actor name.
    pub actor_names: Vec<&'static str>,
}

impl Lexicons {
    pub fn new() -> Lexicons {
        let build_overlapping = |pats: Vec<&str>| {
            // A full DFA: a few hundred KB, and the scan is the hottest loop of extraction.
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::DFA))
                .build(pats)
                .expect("marker automaton builds")
        };
        let mut actor_pats = Vec::new();
        let mut actor_names = Vec::new();
        for (canon, variants) in THREAT_ACTORS {
            for v in variants.iter() {
                actor_pats.push(*v);
                actor_names.push(*canon);
            }
        }
        let mut all_pats: Vec<&str> = Vec::new();
        let mut tags = Vec::new();
        for (t, f) in MARKERS {
            all_pats.push(t);
            tags.push(Tag::Marker(*f));
        }
        for (i, (t, _, _)) in CAUSE_TERMS.iter().enumerate() {
            all_pats.push(t);
            tags.push(Tag::Cause(i));
        }
        for (i, (t, _)) in DATA_TYPE_TERMS.iter().enumerate() {
            all_pats.push(t);
            tags.push(Tag::DataType(i));
        }
        for t in GENERIC_PERSONAL_DATA {
            all_pats.push(t);
            tags.push(Tag::GenericData);
        }
        for (i, t) in actor_pats.iter().enumerate() {
            all_pats.push(t);
            tags.push(Tag::Actor(i));
        }
        Lexicons {
            all: build_overlapping(all_pats),
            tags,
            actor_names,
        }
    }
}

impl Default for Lexicons {
    fn default() -> Self {
        Lexicons::new()
    }
}

/// The entries of a word-list file (`data/lexicon/*.txt`): one per line, trimmed; blank lines
/// and `#` comments skipped.
pub fn word_list(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// A word-list file's entries ([`word_list`]), read on first use:
/// `static X: WordFile = WordFile::new(include_str!("…"));` then `X.words()`.
pub struct WordFile {
    text: &'static str,
    words: std::sync::OnceLock<Vec<&'static str>>,
}

impl WordFile {
    pub const fn new(text: &'static str) -> WordFile {
        WordFile {
            text,
            words: std::sync::OnceLock::new(),
        }
    }

    pub fn words(&self) -> &[&'static str] {
        self.words.get_or_init(|| word_list(self.text).collect())
    }
}

/// Whether `s` contains any cause term (`不正アクセス事案`): names
/// holding one are descriptions, not organisations. One automaton instead of a substring
/// search per term, as this runs for every candidate name.
pub fn contains_cause_term(s: &str) -> bool {
    static TERMS: std::sync::OnceLock<AhoCorasick> = std::sync::OnceLock::new();
    TERMS
        .get_or_init(|| {
            AhoCorasick::new(CAUSE_TERMS.iter().map(|(t, _, _)| t)).expect("cause terms build")
        })
        .is_match(s)
}

/// True when `name` is a generic word rather than an organisation name.
pub fn is_generic_name(name: &str) -> bool {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| GENERIC_NAMES.iter().copied().collect())
        .contains(name)
        || name.chars().count() < 2 && !name.chars().all(|c| c.is_ascii_uppercase())
        || is_count_phrase(name)
        || reads_as_phrase(name)
}

/// Whether `name` reads as a phrase, not a name: a kind of number (`旅券番号`), a particle
/// `から` after kanji (`外部から社内ネットワーク`), or a phrase about the incident itself
/// (quoted `「よくあるセキュリティ事故」`, `「カード情報漏えいの新潮流」`).
fn reads_as_phrase(name: &str) -> bool {
    const INCIDENT_ENDINGS: &[&str] = &["事故", "事件", "事案", "被害"];
    const LEAK_WORDS: &[&str] = &["漏えい", "漏洩", "流出", "情報漏れ"];
    // A clause describing a kind of business (`セキュリティサービスを提供する会社`).
    const KIND_HEADS: &[&str] = &["会社", "企業", "業者", "事業者"];
    // Endings of a state, a limit or a change, not of a body (`誰でも閲覧可能`, `概ね3〜5日以内`,
    // `配送日時の変更`).
    const PHRASE_ENDINGS: &[&str] = &["可能", "以内", "以上", "以下", "程度", "変更"];
    let after_kanji = |w: &str| {
        name.match_indices(w).any(|(i, _)| {
            name[..i]
                .chars()
                .next_back()
                .is_some_and(crate::text::is_kanji)
        })
    };
    // A share (`市内8割`, `会員の3%`) is a quantity, not a body.
    let share = name
        .char_indices()
        .any(|(i, c)| c.is_ascii_digit() && name[i + 1..].starts_with(['割', '%']));
    name.ends_with("番号")
        || share
        || PHRASE_ENDINGS.iter().any(|w| name.ends_with(w))
        || name.contains("でも")
        || after_kanji("との")
        || INCIDENT_ENDINGS.iter().any(|w| name.ends_with(w))
        || (name.contains('を') && KIND_HEADS.iter().any(|w| name.ends_with(w)))
        || LEAK_WORDS.iter().any(|w| name.contains(w))
        || after_kanji("から")
}

/// Whether `name` is a number of organisations or people (`229団体` after `NPO法人`,
/// `3社`, `12名`), not a name.
fn is_count_phrase(name: &str) -> bool {
    const COUNTERS: &[&str] = &[
        "団体",
        "社",
        "名",
        "人",
        "件",
        "校",
        "店",
        "店舗",
        "法人",
        "施設",
        "事業所",
        "機関",
    ];
    let rest = name.trim_start_matches(|c: char| c.is_ascii_digit() || c == ',');
    rest.len() < name.len() && COUNTERS.contains(&rest)
}

/// True when `name` is a school board (○○県教育委員会, ○○市教委): listed with the authorities
/// because it usually receives reports, but a board often reports its own schools' losses.
pub fn is_school_board(name: &str) -> bool {
    SCHOOL_BOARD_WORDS
        .iter()
        .any(|s| name.ends_with(s) && name.chars().count() > s.chars().count())
}

/// What a school board's name ends in; alone (`市教委`) each is its short form.
pub const SCHOOL_BOARD_WORDS: [&str; 6] = [
    "教育委員会",
    "県教委",
    "市教委",
    "町教委",
    "村教委",
    "区教委",
];

/// Whether `text` holds a word the writer uses for itself (`当社`, `本市`, `当院`: the
/// marker list's first-person references).
pub fn contains_self_reference(text: &str) -> bool {
    MARKERS
        .iter()
        .any(|(w, f)| f & mark::SELF_REF != 0 && text.contains(w))
}

/// True when `name` is a government body that receives reports (police, regulators).
pub fn is_authority(name: &str) -> bool {
    AUTHORITY_SUFFIXES
        .iter()
        .any(|s| name.ends_with(s) || name == *s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn automata_build_and_find_terms() {
        let lx = Lexicons::new();
        let text = "ランサムウエアに感染し、氏名と電話番号が流出した可能性";
        let mut causes = Vec::new();
        let mut dts = Vec::new();
        let mut flags = 0;
        for m in lx.all.find_overlapping_iter(text) {
            match lx.tags[m.pattern().as_usize()] {
                Tag::Cause(i) => causes.push(CAUSE_TERMS[i].1),
                Tag::DataType(i) => dts.extend(DATA_TYPE_TERMS[i].1.iter().copied()),
                Tag::Marker(f) => flags |= f,
                _ => {}
            }
        }
        assert_eq!(causes, vec![Cause::Ransomware]);
        assert_eq!(dts, vec![DataType::Name, DataType::Phone]);
        assert!(flags & mark::HEDGE != 0 && flags & mark::LEAK != 0);
    }

    /// The cause and data-type terms of `text`, leftmost-longest as the scan keeps them.
    fn terms(text: &str) -> (Vec<Cause>, Vec<DataType>) {
        let lx = Lexicons::new();
        let mut causes = Vec::new();
        let mut dts = Vec::new();
        for m in lx.all.find_overlapping_iter(text) {
            match lx.tags[m.pattern().as_usize()] {
                Tag::Cause(i) => causes.push((m.start(), m.end(), i)),
                Tag::DataType(i) => dts.push((m.start(), m.end(), i)),
                _ => {}
            }
        }
        let causes = crate::scan::leftmost_longest(causes)
            .into_iter()
            .map(|(_, _, i)| CAUSE_TERMS[i].1)
            .collect();
        let dts = crate::scan::leftmost_longest(dts)
            .into_iter()
            .flat_map(|(_, _, i)| DATA_TYPE_TERMS[i].1.iter().copied())
            .collect();
        (causes, dts)
    }

    #[test]
    fn indirect_cause_words() {
        // The demand and the note each name ransomware.
        assert_eq!(
            terms("身代金を要求する脅迫文").0,
            vec![Cause::Ransomware, Cause::Ransomware]
        );
        assert_eq!(terms("金銭を支払うよう求めた").0, vec![Cause::Ransomware]);
        assert_eq!(terms("案内メールを誤配信した").0, vec![Cause::Misdelivery]);
        assert_eq!(terms("偽のサイトに誘導").0, vec![Cause::Phishing]);
        assert_eq!(
            terms("外部から閲覧可能な状態だった").0,
            vec![Cause::Misconfiguration]
        );
        assert_eq!(terms("顧客名簿を横流ししていた").0, vec![Cause::Insider]);
    }

    #[test]
    fn data_words_by_role_and_kind() {
        assert_eq!(terms("担当者名と連絡先").1, vec![DataType::Name]);
        assert_eq!(
            terms("IDとパスワードを入力").1,
            vec![DataType::LoginId, DataType::Password]
        );
        assert_eq!(terms("検査結果").1, vec![DataType::Health]);
        assert!(terms("全国健康保険協会").1.is_empty());
        assert_eq!(terms("児童の成績").1, vec![DataType::Other]);
        // spelling variants and readings of the same kinds
        assert_eq!(
            terms("氏名(フリガナ)、誕生日、FAX番号").1,
            vec![
                DataType::Name,
                DataType::Name,
                DataType::BirthDate,
                DataType::Phone
            ]
        );
        assert_eq!(
            terms("通院歴と症状").1,
            vec![DataType::Health, DataType::Health]
        );
        assert_eq!(terms("お客さま情報").1, vec![DataType::CustomerInfo]);
        assert_eq!(
            terms("カード番号、名義、有効期限").1,
            vec![DataType::CardNumber, DataType::Name, DataType::CardExpiry]
        );
        assert!(terms("メールアカウントに不正アクセス").1.is_empty());
    }

    #[test]
    fn generic_and_authority_names() {
        assert!(is_generic_name("当社"));
        assert!(is_generic_name("サーバー"));
        assert!(is_generic_name("重要"));
        assert!(is_generic_name("229団体"));
        assert!(!is_generic_name("8Base"));
        assert!(is_generic_name("市内8割"));
        assert!(is_generic_name("会員の3%"));
        assert!(is_generic_name("旅券番号"));
        assert!(is_generic_name("外部から社内ネットワーク"));
        assert!(!is_generic_name("ちからや商店"));
        assert!(!is_generic_name("サンプル工業"));
        // Phrases about the incident, often quoted in columns.
        assert!(is_generic_name("ありがちな設定ミス事故"));
        assert!(is_generic_name("顧客情報流出の波紋"));
        assert!(!is_generic_name("事故調査サービス"));
        assert!(is_generic_name("決済代行サービスを提供する会社"));
        assert!(!is_generic_name("緑の森を守る会"));
        assert!(is_generic_name("誰でも閲覧可能"));
        assert!(is_generic_name("概ね10日以内"));
        assert!(is_generic_name("送付先の変更"));
        assert!(is_generic_name("委託先との契約のルール"));
        assert!(!is_generic_name("ひとの森診療所"));
        assert!(is_authority("上越警察署"));
        assert!(is_authority("総務省"));
        assert!(!is_authority("サンプル市"));
    }
}
