//! People, organisations and places, and every mention of each.
//!
//! Owns extraction (runs of capitalised words, with titles stripped and connectors such as
//! "of" kept inside organisation names), classification (gazetteer, given names, heads such
//! as Ministry or Street), linking (surnames, acronyms, possessives), canonical names (the
//! fullest first reference) and spelling variants of an entity. Pronouns are resolved by the
//! quotation stage through `Mentions::last_before`.

use super::config::Config;
use super::hash::{FxMap, FxSet, Prehashed, PrehashedSet};
use super::lexicon::{self, WordList};
use super::memo::{self, Edit, Table};
use super::segment::{self, BlockKind, Paragraph, Segments, Sentences};
use super::words::Word;
use crate::text::TextRange;
use std::sync::{Arc, OnceLock};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntityKind {
    Person,
    Organization,
    Place,
}

impl EntityKind {
    pub fn label(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
        }
    }
}

/// How a mention's spelling departs from its entity's first reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VariantKind {
    /// Letters differ: a typo or another transliteration (Peskow, Zelenskyy, Kiev).
    Spelling,
    /// Hyphens or spaces differ (Kim Jong-un).
    Hyphenation,
    /// Accents differ (Jose Alvarez).
    Diacritics,
    /// Letter case inside the name differs (Mckenna).
    Case,
    /// A later full reference with another given name (Gary Tran for Gregory Tran).
    GivenName,
    /// The newsroom's house spelling differs (from `Config::house_spellings`).
    HouseStyle,
}

/// A deviating mention: what kind of difference and the spelling it should have.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variant {
    pub kind: VariantKind,
    pub expected: String,
}

#[derive(Clone, Debug)]
pub struct Entity {
    /// Where the canonical name first appears.
    pub first: TextRange,
    /// The rest is settled by linking and shared: an analysis moved to the next keystroke
    /// copies every entity, and only `first` moves.
    about: Arc<About>,
}

/// What the draft says about an entity; read through `Entity`.
#[derive(Clone, Debug)]
pub struct About {
    /// The fullest first reference, without titles.
    pub canonical: String,
    pub kind: EntityKind,
    /// Titles and roles seen around mentions (`Kremlin spokesman`).
    pub roles: Vec<String>,
    /// Every distinct spelling seen, first reference first.
    pub spellings: Vec<String>,
    pub acronym: Option<String>,
}

impl std::ops::Deref for Entity {
    type Target = About;

    fn deref(&self) -> &About {
        &self.about
    }
}

/// Only linking changes an entity, while it alone holds it: no copy is made.
impl std::ops::DerefMut for Entity {
    fn deref_mut(&mut self) -> &mut About {
        Arc::make_mut(&mut self.about)
    }
}

/// What the linker looks a name up by: its words and folded forms, borrowed from the
/// candidate that wrote it, so naming an entity copies no strings.
#[derive(Clone, Copy, Debug)]
struct NameKeys<'a> {
    /// The name as written: words joined by single spaces.
    text: &'a str,
    /// The whole name folded for comparison.
    folded: &'a str,
    /// The family name (last, or first in Korean and Chinese order) and the first word.
    family: &'a str,
    first: &'a str,
    /// Folded: the family name (people) and first word (organisations), for fuzzy
    /// matching, and a person's given names together (`dmitrisergeyevich`).
    family_folded: &'a str,
    first_folded: &'a str,
    given_folded: &'a str,
    /// The first letter of the first given name.
    given_initial: Option<char>,
}

impl<'a> NameKeys<'a> {
    /// The keys of a candidate's name. Folding works letter by letter and drops spaces, so
    /// each word's folded form is a piece of the whole name's.
    fn of(candidate: &'a Candidate) -> Self {
        NameKeys::new(&candidate.text, &candidate.folded)
    }

    /// The keys of `text`, whose folded form is `folded`.
    fn new(text: &'a str, folded: &'a str) -> Self {
        // A generational suffix is written with the name but is not the family name.
        let core = GENERATIONAL_SUFFIXES
            .iter()
            .find_map(|suffix| text.strip_suffix(suffix))
            .filter(|core| core.contains(' '))
            .unwrap_or(text);
        let folded_core = folded
            .get(
                ..folded
                    .len()
                    .saturating_sub(folded_len(text.get(core.len()..).unwrap_or(""))),
            )
            .unwrap_or(folded);
        let first = text.split(' ').next().unwrap_or(text);
        let last = core.rsplit(' ').next().unwrap_or(core);
        let one_word = first.len() == text.len();
        let first_len = folded_len(first).min(folded.len());
        let first_folded = folded.get(..first_len).unwrap_or("");
        let (family, family_folded, given_folded, given_first) =
            if !one_word && FAMILY_FIRST.has(first) {
                let rest = folded.get(first_len..).unwrap_or("");
                (first, first_folded, rest, text.split(' ').nth(1))
            } else {
                let given_len = folded_core.len().saturating_sub(folded_len(last));
                let (given, family) = folded_core.split_at_checked(given_len).unwrap_or(("", ""));
                (last, family, given, (!one_word).then_some(first))
            };
        NameKeys {
            text,
            folded,
            family,
            first,
            family_folded,
            first_folded,
            given_folded,
            given_initial: given_first.and_then(|name| name.chars().next()),
        }
    }

    fn words(&self) -> std::str::Split<'a, char> {
        self.text.split(' ')
    }

    fn is_one_word(&self) -> bool {
        !self.text.contains(' ')
    }

    /// The last word: the surname in Western order.
    fn last(&self) -> &'a str {
        self.text.rsplit(' ').next().unwrap_or(self.text)
    }
}

impl Entity {
    fn new(canonical: String, kind: EntityKind, first: TextRange) -> Self {
        Entity {
            first,
            about: Arc::new(About {
                spellings: vec![canonical.clone()],
                canonical,
                kind,
                roles: Vec::new(),
                acronym: None,
            }),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Mention {
    /// The name as written, without a possessive ending or titles.
    pub range: TextRange,
    /// Where hovers start: at a title that precedes the name (`Mr Talagi`), else `range.start`.
    pub hover_start: usize,
    pub entity: usize,
    pub variant: Option<Variant>,
}

/// Entities of a draft and their mentions in document order.
#[derive(Clone, Debug, Default)]
pub struct Mentions {
    pub entities: Vec<Entity>,
    pub mentions: Vec<Mention>,
    /// Persons first referred to by surname alone: (that mention, the later full reference).
    pub surname_first: Vec<(TextRange, TextRange)>,
}

impl Mentions {
    /// The mention covering `offset`, if any.
    /// The mention covering `offset`, with the title before it, if any.
    pub fn at(&self, offset: usize) -> Option<&Mention> {
        let idx = self.mentions.partition_point(|m| m.range.end <= offset);
        self.mentions
            .get(idx)
            .filter(|m| m.hover_start <= offset && offset < m.range.end)
    }

    /// The entity of a mention lying inside `range` (the last one when there are several).
    pub fn entity_within(&self, range: TextRange) -> Option<usize> {
        let idx = self
            .mentions
            .partition_point(|m| m.range.end <= range.start);
        self.mentions[idx.min(self.mentions.len())..]
            .iter()
            .take_while(|m| m.range.start < range.end)
            .filter(|m| range.overlaps(m.range))
            .last()
            .map(|m| m.entity)
    }

    /// The last mention of an entity of `kind` that starts before `offset`.
    pub fn last_before(&self, offset: usize, kind: EntityKind) -> Option<&Mention> {
        let idx = self.mentions.partition_point(|m| m.range.start < offset);
        self.mentions[..idx]
            .iter()
            .rev()
            .find(|m| self.entities.get(m.entity).is_some_and(|e| e.kind == kind))
    }

    /// The entity of the last mention of any kind that starts before `offset`.
    pub fn last_any_before(&self, offset: usize) -> Option<usize> {
        let idx = self.mentions.partition_point(|m| m.range.start < offset);
        idx.checked_sub(1)
            .and_then(|i| self.mentions.get(i))
            .map(|m| m.entity)
    }

    /// Mentions of `entity`, in order.
    pub fn of(&self, entity: usize) -> impl Iterator<Item = &Mention> {
        self.mentions.iter().filter(move |m| m.entity == entity)
    }
}

struct Lexicons {
    places: FxMap<&'static str, &'static str>,
    given_names: FxSet<&'static str>,
}

fn lexicons() -> &'static Lexicons {
    static LEXICONS: OnceLock<Lexicons> = OnceLock::new();
    LEXICONS.get_or_init(build_lexicons)
}

/// Built once per process, before the first draft is read: sized up front, so the tables
/// never grow and rehash.
fn build_lexicons() -> Lexicons {
    let gazetteer = include_str!("data/gazetteer.tsv");
    let mut places = FxMap::with_capacity_and_hasher(
        gazetteer.len() / 16 + EXTRA_PLACES.len(),
        Default::default(),
    );
    for line in data_lines(gazetteer) {
        let Some((name, rest)) = split_at_tab(line) else {
            continue;
        };
        if let Some((_kind, canonical)) = split_at_tab(rest) {
            places.insert(name, canonical);
        }
    }
    for (name, canonical) in EXTRA_PLACES {
        places.insert(name, canonical);
    }
    let given = include_str!("data/given_names.txt");
    let mut given_names = FxSet::with_capacity_and_hasher(given.len() / 6, Default::default());
    given_names.extend(data_lines(given));
    Lexicons {
        places,
        given_names,
    }
}

/// The lines of a data file that ships with the binary, without comments and line ends.
/// Found byte by byte, and cut where the bytes say: searching for each short line's end,
/// or checking each line as UTF-8 again, took most of the time of building the lists.
fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    let mut start = 0;
    let ends = text.bytes().enumerate().filter(|&(_, b)| b == b'\n');
    ends.map(|(end, _)| end)
        .chain([text.len()])
        .filter_map(move |end| {
            let line = text.get(start..end);
            start = end + 1;
            line
        })
        .map(|line| line.strip_suffix('\r').unwrap_or(line))
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// `line` split at its first tab.
fn split_at_tab(line: &str) -> Option<(&str, &str)> {
    let tab = line.bytes().position(|b| b == b'\t')?;
    Some((line.get(..tab)?, line.get(tab + 1..)?))
}

/// Generational suffixes as written after a name (Robert Rex, Jr.; John Doe III): part of
/// the name as written, not of the family name.
const GENERATIONAL_SUFFIXES: [&str; 7] = [", Jr", ", Sr", " Jr", " Sr", " III", " II", " IV"];

/// Places the gazetteer lacks or spells otherwise, with their canonical form.
const EXTRA_PLACES: &[(&str, &str)] = &[
    ("Britain", "Britain"),
    ("Palestine", "Palestine"),
    ("Capitol Hill", "Capitol Hill"),
    // Short forms GeoNames lists only in longer names (United States of America, North and
    // South Korea, Bosnia and Herzegovina), which their demonyms come from.
    ("America", "America"),
    ("Bosnia", "Bosnia"),
    ("Korea", "Korea"),
    // The nations of the United Kingdom, which GeoNames lists as regions, not countries.
    ("England", "England"),
    ("Northern Ireland", "Northern Ireland"),
    ("Scotland", "Scotland"),
    ("Wales", "Wales"),
    // Abbreviations as written (the final full stop is not part of the word), each its own
    // canonical form: "the U.S." beside "the United States" is not a misspelling.
    ("U.S", "U.S"),
    ("US", "US"),
    ("U.K", "U.K"),
    ("UK", "UK"),
    ("D.C", "D.C"),
    ("N.C", "N.C"),
    ("N.D", "N.D"),
    ("N.H", "N.H"),
    ("N.J", "N.J"),
    ("N.M", "N.M"),
    ("N.Y", "N.Y"),
    ("R.I", "R.I"),
    ("S.C", "S.C"),
    ("S.D", "S.D"),
    ("Europe", "Europe"),
    ("Gaza", "Gaza"),
    ("Kiev", "Kyiv"),
    ("Kharkov", "Kharkiv"),
    ("Odessa", "Odesa"),
    ("Odesa", "Odesa"),
    ("Kharkiv", "Kharkiv"),
    ("Pyongyang", "Pyongyang"),
    ("West Bank", "West Bank"),
    ("Crimea", "Crimea"),
    ("Donbas", "Donbas"),
    ("Donbass", "Donbas"),
    ("Scandinavia", "Scandinavia"),
    ("Siberia", "Siberia"),
    ("Taiwan", "Taiwan"),
];

/// Last words that make a name an organisation.
static ORG_HEADS: WordList = WordList::new(&[
    "Academy",
    "Administration",
    "Agency",
    "Air",
    "Airlines",
    "Airport",
    "Airways",
    "Alliance",
    "Assembly",
    "Association",
    "Authority",
    "Bank",
    "Board",
    "Bureau",
    "Cabinet",
    "Center",
    "Centre",
    "Church",
    "Club",
    "Co",
    "Coalition",
    "College",
    "Command",
    "Commission",
    "Committee",
    "Community",
    "Company",
    "Congress",
    "Corp",
    "Corporation",
    "Council",
    "Court",
    "Department",
    "Elementary",
    "Federation",
    "Force",
    "Forces",
    "Foundation",
    "Fund",
    "Gazette",
    "Group",
    "Guard",
    "Herald",
    "Holdings",
    "Hospital",
    "House",
    "Inc",
    "Institute",
    "Journal",
    "Laboratories",
    "Laboratory",
    "League",
    "Library",
    "Ltd",
    "Ministry",
    "Museum",
    "News",
    "Office",
    "Organisation",
    "Organization",
    "Parliament",
    "Partners",
    "Party",
    "Police",
    "Post",
    "Press",
    "Rail",
    "Railways",
    "Rovers",
    "School",
    "Senate",
    "City",
    "Nations",
    "Athletic",
    "Wanderers",
    "FC",
    "Town",
    "Service",
    "Services",
    "Society",
    "Systems",
    "Technologies",
    "Times",
    "Tribune",
    "Trust",
    "Union",
    "United",
    "University",
    // Company names: MacGregor Logistics, Harlow Foods, Dunmore Motors.
    "Capital",
    "Economics",
    "Electric",
    "Energy",
    "Motor",
    "Power",
    "Steel",
    "Telecom",
    "Telekom",
    "Water",
    // Campaigns and charities: Amnesty International, Human Rights Watch.
    "International",
    "Watch",
    // Institutions named by their seat, as the White House is: Buckingham Palace.
    "Palace",
    // Science and the arts: the Marine Laboratory, the Royal Observatory, the Hallé
    // Orchestra, the Tate Gallery.
    "Clinic",
    "Gallery",
    "Observatory",
    "Orchestra",
    "Theater",
    "Theatre",
    "Reserve",
    "Construction",
    "Enterprises",
    "Foods",
    "GmbH",
    "Industries",
    "Insurance",
    "LLC",
    "Logistics",
    "Motors",
    "Pharmaceuticals",
    "Plc",
    "Properties",
    "Studios",
    "Trading",
    "Ventures",
]);

/// Last words of a company's name, among `ORG_HEADS`.
static COMPANY_HEADS: WordList = WordList::new(&[
    "Airlines",
    "Airways",
    "Co",
    "Company",
    "Corp",
    "Corporation",
    "Energy",
    "GmbH",
    "Group",
    "Holdings",
    "Inc",
    "Industries",
    "LLC",
    "Ltd",
    "Motors",
    "Plc",
    "Power",
    "Systems",
    "Technologies",
]);

/// Words that can open an organisation name and stand before "of" (Ministry of Defence).
static ORG_OPENERS: WordList = WordList::new(&[
    "Bank",
    "Centers",
    "House",
    "Bureau",
    "Church",
    "College",
    "Court",
    "Department",
    "Friends",
    "Ministry",
    "Office",
    "University",
]);

/// First words of football clubs' names: AC Milan, Real Betis, Borussia Dortmund.
static CLUB_OPENERS: WordList = WordList::new(&[
    "AC",
    "AFC",
    "AS",
    "Atletico",
    "Atlético",
    "Borussia",
    "CF",
    "Dynamo",
    "FC",
    "Olympique",
    "Real",
    "SC",
    "SS",
    "Sporting",
]);

/// First words that make a name a place: Port of Tyne, Gulf of Mexico, Mount Kenya.
static PLACE_OPENERS: WordList = WordList::new(&[
    "Bay", "Cape", "Fort", "Ft", "Gulf", "Isle", "Lake", "Mount", "Mt", "Port", "Saint", "Sea",
    "St", "Strait",
]);

/// Last words that make a name a place.
static PLACE_HEADS: WordList = WordList::new(&[
    "Avenue",
    "Basin",
    "Bay",
    "Boulevard",
    "Bridge",
    "Canal",
    "Channel",
    "Coast",
    "Delta",
    "Desert",
    "Glacier",
    "Hills",
    "Ocean",
    "Peninsula",
    "Sea",
    "County",
    "Island",
    "Islands",
    "Lake",
    "Lane",
    "Mountains",
    "Province",
    "Region",
    "River",
    "Road",
    "Square",
    "Street",
    "Valley",
]);

/// Well-known organisations written as one word or a short name.
static KNOWN_ORGS: WordList = WordList::new(&[
    "Agence France-Presse",
    "Airbus",
    "Al Jazeera",
    "Al Qaeda",
    "Al-Qaeda",
    "Berkshire Hathaway",
    "Boko Haram",
    "Doctors Without Borders",
    "Reporters Without Borders",
    "Extinction Rebellion",
    "Goldman Sachs",
    "Islamic State",
    "JPMorgan Chase",
    "Médecins Sans Frontières",
    "Morgan Stanley",
    "Saudi Aramco",
    "Serie A",
    "La Liga",
    "Scotland Yard",
    "Wells Fargo",
    "Amazon",
    "Apple",
    "Boeing",
    "Congress",
    "Conservatives",
    "Democrats",
    "Downing Street",
    "EU",
    "Europol",
    "Facebook",
    "Google",
    "Hamas",
    "Hezbollah",
    "Interpol",
    "Knesset",
    "Kremlin",
    "Labour",
    "Meta",
    "Microsoft",
    "NATO",
    "United Nations",
    "European Union",
    "World Bank",
    "Red Cross",
    "Nato",
    "Parliament",
    "Pentagon",
    "Republicans",
    "Reuters",
    "Senate",
    "Taliban",
    "Tories",
    "Treasury",
    "Vatican",
    "U.N",
    "UN",
    "White House",
    "Zillow",
]);

/// Family names written first (Korean, Chinese, Vietnamese order).
static FAMILY_FIRST: WordList = WordList::new(&[
    "Ban", "Chen", "Cho", "Choi", "Han", "Hwang", "Jang", "Jung", "Kang", "Kim", "Lee", "Li",
    "Lim", "Liu", "Moon", "Nguyen", "Park", "Shin", "Wang", "Xi", "Yang", "Yoon", "Zhang",
]);

/// Sentence openers that are capitalised only because they open the sentence.
static FUNCTION_WORDS: WordList = WordList::new(&[
    "a",
    "about",
    "according",
    "after",
    "afterwards",
    "again",
    "against",
    "all",
    "also",
    "although",
    "among",
    "an",
    "and",
    "another",
    "any",
    "as",
    "at",
    "because",
    "before",
    "both",
    "but",
    "by",
    "during",
    "each",
    "earlier",
    "elsewhere",
    "even",
    "eventually",
    "every",
    "few",
    "finally",
    "for",
    "from",
    "he",
    "her",
    "here",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "instead",
    "it",
    "its",
    "last",
    "later",
    "many",
    "meanwhile",
    "more",
    "most",
    "my",
    "neither",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "on",
    "once",
    "one",
    "only",
    "or",
    "our",
    "over",
    "overnight",
    "previously",
    "recently",
    "separately",
    "since",
    "so",
    "some",
    "soon",
    "still",
    "such",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "to",
    "together",
    "tomorrow",
    "tonight",
    "under",
    "until",
    "we",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "why",
    "with",
    "within",
    "without",
    "yesterday",
    "yet",
    "you",
]);

/// What a story calls a company before its name, capitalised only when it opens the
/// sentence or headline: Chipmaker Halvorsen beats forecasts.
static COMPANY_DESCRIPTORS: WordList = WordList::new(&[
    "Airline",
    "Automaker",
    "Brewer",
    "Broadcaster",
    "Carmaker",
    "Chipmaker",
    "Conglomerate",
    "Drugmaker",
    "Grocer",
    "Housebuilder",
    "Insurer",
    "Lender",
    "Miner",
    "Publisher",
    "Regulator",
    "Retailer",
    "Startup",
    "Supermarket",
    "Watchdog",
]);

/// Last words of names of awards, treaties, laws and events: the Nobel Prize, the Paris
/// Agreement, the Online Safety Act, the World Cup.
static NON_ENTITY_HEADS: WordList = WordList::new(&[
    "Accord",
    "Act",
    "Agreement",
    "Award",
    "Awards",
    "Championship",
    "Championships",
    "Cup",
    "Games",
    "Olympics",
    "Prize",
    "Prizes",
    "Protocol",
    "Treaty",
    "War",
]);

/// Nouns that name a place before "of": the town of Estepona, the province of Málaga.
static PLACE_NOUNS: WordList = WordList::new(&[
    "capital",
    "city",
    "county",
    "district",
    "island",
    "municipality",
    "port",
    "province",
    "region",
    "state",
    "suburb",
    "town",
    "village",
]);

/// Abbreviations of common nouns, which name no one: AI demand, a CEO, GDP, MPs.
static COMMON_ACRONYMS: WordList = WordList::new(&[
    "AGM", "AI", "CCTV", "CEO", "CEOs", "CFO", "COO", "COVID", "CTO", "DNA", "ESG", "EV", "EVs",
    "GDP", "GP", "GPs", "HIV", "HR", "ICU", "IPO", "IT", "IVF", "LGBT", "LGBTQ", "MEP", "MEPs",
    "MP", "MPs", "OK", "PC", "PM", "PPE", "PR", "TV", "VAT",
]);

/// US states and Canadian provinces as AP style abbreviates them after a town: Mobile,
/// Ala.; Chandler, Ariz. Several are words or names elsewhere (Mass, Miss, Mo), so only
/// that place counts.
static STATE_ABBREVIATIONS: WordList = WordList::new(&[
    "Ala", "Alta", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan",
    "Ky", "La", "Man", "Mass", "Md", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla",
    "Ont", "Ore", "Pa", "Que", "Sask", "Tenn", "Va", "Vt", "Wash", "Wis", "Wyo",
]);

static CONNECTORS: WordList = WordList::new(&["and", "for", "of", "on", "the"]);

static PARTICLES: WordList = WordList::new(&[
    "al", "bin", "da", "de", "del", "della", "der", "di", "dos", "du", "el", "la", "le", "ten",
    "ter", "van", "von",
]);

/// Capitalised particles that open Irish and Scottish surnames (Aoife Nic Giolla, Seán
/// Ó Briain, Máire Ní Bhraonáin).
static SURNAME_PARTICLES: WordList = WordList::new(&["Mac", "Mhic", "Nic", "Ní", "Ó", "Ua"]);

/// Words in a sentence that make two people with one surname plainly different people.
const RELATION_CUES: &[&str] = &[
    "another",
    "brother",
    "daughter",
    "father",
    "husband",
    "mother",
    "no relation",
    "not related",
    "sister",
    "son",
    "wife",
];

/// Folds a name for comparison: lower case, no accents, no hyphens, spaces or apostrophes.
pub fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    fold_chars(name, |ch| out.push(ch));
    out
}

/// The length in bytes of `fold(name)`, without writing it.
fn folded_len(name: &str) -> usize {
    let mut len = 0;
    fold_chars(name, |ch| len += ch.len_utf8());
    len
}

/// The characters of `fold(name)`, in order. Each character of `name` folds on its own, so
/// a name's fold is its words' folds joined (spaces fold to nothing).
fn fold_chars(name: &str, mut emit: impl FnMut(char)) {
    for ch in name.chars() {
        if ch.is_ascii() {
            if ch.is_ascii_alphanumeric() {
                emit(ch.to_ascii_lowercase());
            }
            continue;
        }
        match ch {
            '‐' | '’' => {}
            'ø' | 'Ø' => emit('o'),
            'æ' | 'Æ' => {
                emit('a');
                emit('e');
            }
            'ß' => {
                emit('s');
                emit('s');
            }
            'ł' | 'Ł' => emit('l'),
            'đ' | 'Đ' => emit('d'),
            _ if is_combining_mark(ch) => {}
            _ => strip_accent(ch).to_lowercase().for_each(&mut emit),
        }
    }
}

fn is_combining_mark(ch: char) -> bool {
    matches!(ch as u32, 0x0300..=0x036F)
}

/// The base letter of a Latin letter with an accent; other characters are returned as is.
fn strip_accent(ch: char) -> char {
    const FROM: &str = "ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖòóôõöÙÚÛÜùúûüÝýÿŠšŽžČčĆćŘřŞşŚśŃńĘęĄąŻżŹźĞğİıŌōŪūĀāĒēĪī";
    const TO: &str = "AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOoooooUUUUuuuuYyySsZzCcCcRrSsSsNnEeAaZzZzGgIiOoUuAaEeIi";
    FROM.chars()
        .position(|from| from == ch)
        .and_then(|idx| TO.chars().nth(idx))
        .unwrap_or(ch)
}

/// Optimal string alignment distance between two short strings, capped at `limit + 1`.
pub fn edit_distance(a: &str, b: &str, limit: usize) -> usize {
    if a.is_ascii() && b.is_ascii() {
        osa_distance(a.as_bytes(), b.as_bytes(), limit)
    } else {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        osa_distance(&a, &b, limit)
    }
}

/// The distance over three rolling rows, on the stack for names of up to 32 letters, giving
/// up as soon as two rows in a row are all over the limit (linking compares many names).
fn osa_distance<T: PartialEq>(a: &[T], b: &[T], limit: usize) -> usize {
    let over = limit + 1;
    if a.len().abs_diff(b.len()) > limit {
        return over;
    }
    let width = b.len() + 1;
    let mut stack = [0usize; 3 * 33];
    let mut heap = Vec::new();
    let rows: &mut [usize] = if 3 * width <= stack.len() {
        &mut stack[..3 * width]
    } else {
        heap.resize(3 * width, 0);
        &mut heap
    };
    for (j, cell) in rows.iter_mut().take(width).enumerate() {
        *cell = j;
    }
    let mut previous_row_over = false;
    for i in 1..=a.len() {
        let (row, up, up2) = (
            (i % 3) * width,
            ((i - 1) % 3) * width,
            ((i + 1) % 3) * width,
        );
        rows[row] = i;
        let mut row_min = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[up + j] + 1)
                .min(rows[row + j - 1] + 1)
                .min(rows[up + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[up2 + j - 2] + 1);
            }
            rows[row + j] = best;
            row_min = row_min.min(best);
        }
        if row_min > limit && previous_row_over {
            return over;
        }
        previous_row_over = row_min > limit;
    }
    rows[(a.len() % 3) * width + b.len()].min(over)
}

/// A name as found in the text, before linking.
#[derive(Clone)]
struct Candidate {
    range: TextRange,
    /// An all-capitals place at the start of a story; its tokens are already title-cased.
    dateline: bool,
    /// In a headline, where surnames alone are house style.
    in_heading: bool,
    /// The name's words joined by single spaces (a word never holds a space, so `tokens`
    /// splits them apart again), and that folded: computed once with the paragraph, since
    /// linking looks every mention up by them. Shared, so that taking a paragraph's
    /// candidates from the memo on a keystroke copies no strings.
    text: Arc<str>,
    folded: Arc<str>,
    /// Opened a sentence and is otherwise unknown: it may only join an existing entity.
    weak: bool,
    sentence_start: bool,
    titled: bool,
    role: Option<Arc<str>>,
    /// The sentence it stands in, for relation cues.
    sentence: TextRange,
    /// Preceded by a preposition of place (in, near, from).
    after_place_preposition: bool,
    /// Written as `Munich-based`: a place.
    place_hint: bool,
    /// Where the mention starts for hovers: at its title when it has one (`Mr Talagi`).
    hover_start: usize,
    /// An acronym in parentheses right after it: `(NSC)`.
    acronym: Option<(TextRange, Arc<str>)>,
    /// Stands in parentheses of its own sentence: `(National Security Council)`.
    in_parentheses: bool,
}

impl Candidate {
    /// The name's words.
    fn tokens(&self) -> std::str::Split<'_, char> {
        self.text.split(' ')
    }

    fn is_one_word(&self) -> bool {
        !self.text.contains(' ')
    }

    fn shift(&mut self, base: usize, by: fn(TextRange, usize) -> TextRange) {
        self.range = by(self.range, base);
        self.sentence = by(self.sentence, base);
        self.hover_start = by(TextRange::new(self.hover_start, self.hover_start), base).start;
        if let Some((range, _)) = &mut self.acronym {
            *range = by(*range, base);
        }
    }

    /// Whether `new` is this candidate after `edit`: the same in every respect but its
    /// place, which moved as the edit says. Every field is named, so a new one is not
    /// forgotten here.
    fn moved_to(&self, new: &Candidate, edit: &Edit) -> bool {
        let Candidate {
            range,
            dateline,
            in_heading,
            text,
            folded,
            weak,
            sentence_start,
            titled,
            role,
            // Read only by `Linker::related`, which records it among the reads.
            sentence: _,
            after_place_preposition,
            place_hint,
            hover_start,
            acronym,
            in_parentheses,
        } = self;
        let same_acronym = match (acronym, &new.acronym) {
            (None, None) => true,
            (Some((range, text)), Some((new_range, new_text))) => {
                edit.range(*range) == Some(*new_range) && text == new_text
            }
            _ => false,
        };
        edit.range(*range) == Some(new.range)
            && edit.start(*hover_start) == Some(new.hover_start)
            && same_acronym
            && (*dateline, *in_heading, *weak, *sentence_start, *titled)
                == (
                    new.dateline,
                    new.in_heading,
                    new.weak,
                    new.sentence_start,
                    new.titled,
                )
            && (*after_place_preposition, *place_hint, *in_parentheses)
                == (
                    new.after_place_preposition,
                    new.place_hint,
                    new.in_parentheses,
                )
            // Candidates from the memo share their strings: most are the same allocation.
            && (Arc::ptr_eq(text, &new.text) || *text == new.text)
            && (Arc::ptr_eq(folded, &new.folded) || *folded == new.folded)
            && *role == new.role
    }
}

/// The last linking of a draft, to move rather than redo when an edit left every candidate
/// and every stretch of text the linker read as it was: most keystrokes touch no name.
struct Linked {
    prose: String,
    candidates: Vec<Candidate>,
    /// The text the linker read around candidates (appositions, relation cues, parentheses).
    reads: Vec<TextRange>,
    mentions: Mentions,
}

impl Linked {
    /// Moves this linking to the new text, if linking `candidates` afresh would give the
    /// same result; false leaves it half moved, to be thrown away.
    fn move_to(&mut self, prose: &str, candidates: &[Candidate]) -> bool {
        let edit = Edit::between(&self.prose, prose);
        let unchanged = self.candidates.len() == candidates.len()
            && self
                .candidates
                .iter()
                .zip(candidates)
                .all(|(old, new)| old.moved_to(new, &edit))
            && !self.reads.iter().any(|&read| edit.touches(read));
        if !unchanged {
            return false;
        }
        // Every position below is a candidate's or a read's, checked above, so none lies in
        // the window; a failure would only throw the half-moved linking away.
        let shift = |range: &mut TextRange| edit.range(*range).map(|moved| *range = moved);
        let mentions = &mut self.mentions;
        let moved = mentions.mentions.iter_mut().all(|mention| {
            shift(&mut mention.range).is_some()
                && edit
                    .start(mention.hover_start)
                    .map(|start| mention.hover_start = start)
                    .is_some()
        }) && mentions
            .entities
            .iter_mut()
            .all(|entity| shift(&mut entity.first).is_some())
            && mentions
                .surname_first
                .iter_mut()
                .all(|(surname, full)| shift(surname).and(shift(full)).is_some())
            && self.reads.iter_mut().all(|read| shift(read).is_some());
        if moved {
            self.prose.clear();
            self.prose.push_str(prose);
        }
        moved
    }
}

/// The paragraph-local results `find_entities` keeps between analyses of a draft.
#[derive(Default)]
pub struct NamesMemo {
    words: Table<CapitalizedWords>,
    candidates: Table<Vec<Candidate>>,
    linked: Option<Linked>,
}

impl NamesMemo {
    pub fn one_shot() -> Self {
        NamesMemo {
            words: Table::one_shot(),
            candidates: Table::one_shot(),
            linked: None,
        }
    }

    pub fn end_round(&mut self) {
        self.words.end_round();
        self.candidates.end_round();
    }
}

/// A paragraph's capitalised words (without possessives), relative to its start, each with
/// its hash (`Prehashed`): every keystroke puts the whole draft's into one set.
struct CapitalizedWords {
    /// Capitalised away from the start of a sentence or clause: names, wherever they stand.
    mid_sentence: Vec<(TextRange, u64)>,
    all: Vec<(TextRange, u64)>,
}

/// Extracts and links the entities of a draft.
pub fn find_entities(
    segments: &Segments,
    sentences: &Sentences,
    config: &Config,
    memo: &mut NamesMemo,
) -> Mentions {
    let prose = segments.prose.as_str();
    let lex = lexicons();
    if !memo.candidates.keeps() {
        return link(
            prose,
            &one_shot_candidates(segments, sentences, lex),
            lex,
            config,
        )
        .0;
    }
    let n = segments.paragraphs.len();
    // Where the words table keeps each paragraph's capitalised words this round.
    let mut capitalized_at = Vec::with_capacity(n);
    // A paragraph's words, listed afresh into one buffer whenever a stage misses the memo.
    let mut paragraph_words: Vec<Word<'_>> = Vec::new();
    let mut scratch = CapitalizedWords {
        mid_sentence: Vec::new(),
        all: Vec::new(),
    };
    for (idx, paragraph) in segments.paragraphs.iter().enumerate() {
        let heading = paragraph.kind == BlockKind::Heading;
        let list = sentences_of(sentences, idx, paragraph);
        let base = paragraph.range.start;
        let ranges = [list];
        let key = paragraph.key(&ranges, u64::from(heading));
        let at = memo.words.index_or(&key, || {
            segments.paragraph_words_into(paragraph, &mut paragraph_words);
            capitalized_words(prose, &paragraph_words, list, heading, base, &mut scratch);
            // Copied out of the reused buffers at their exact length.
            CapitalizedWords {
                mid_sentence: scratch.mid_sentence.clone(),
                all: scratch.all.clone(),
            }
        });
        capitalized_at.push(at);
    }
    // Read in place while the candidates table is asked: no paragraph's words are copied.
    let words_table = &memo.words;
    let capitalized: Vec<&CapitalizedWords> = capitalized_at
        .iter()
        .filter_map(|&at| words_table.at(at))
        .collect();
    // Words seen capitalised away from the start of a sentence: those are names.
    let mut mid_capitalized = PrehashedSet::default();
    for (paragraph, words) in segments.paragraphs.iter().zip(&capitalized) {
        for &(range, hash) in &words.mid_sentence {
            let range = memo::place(range, paragraph.range.start);
            if let Some(text) = prose.get(range.start..range.end) {
                mid_capitalized.insert(Prehashed { hash, text });
            }
        }
    }
    let mut candidates = Vec::new();
    let mut known: Vec<TextRange> = Vec::new();
    let mut collector = Collector::new(&mid_capitalized, lex);
    for ((idx, paragraph), words) in segments.paragraphs.iter().enumerate().zip(&capitalized) {
        let base = paragraph.range.start;
        let heading = paragraph.kind == BlockKind::Heading;
        let list = sentences_of(sentences, idx, paragraph);
        // Candidates depend on which of the paragraph's words are names elsewhere.
        known.clear();
        known.extend(
            words
                .all
                .iter()
                .map(|&(range, hash)| (memo::place(range, base), hash))
                .filter(|&(range, hash)| {
                    prose
                        .get(range.start..range.end)
                        .is_some_and(|text| mid_capitalized.contains(&Prehashed { hash, text }))
                })
                .map(|(range, _)| range),
        );
        let ranges = [list, &known];
        let key = paragraph.key(&ranges, u64::from(heading));
        let shift = |mut candidate: Candidate| {
            candidate.shift(base, memo::place);
            candidate
        };
        memo.candidates.extend_or(
            &key,
            || {
                segments.paragraph_words_into(paragraph, &mut paragraph_words);
                paragraph_candidates(prose, paragraph, list, &paragraph_words, &mut collector);
                // Out of the reused buffer at its exact length.
                let mut found: Vec<Candidate> = collector.found.drain(..).collect();
                for candidate in &mut found {
                    candidate.shift(base, memo::relative);
                }
                found
            },
            &mut candidates,
            shift,
        );
    }
    if let Some(linked) = memo.linked.as_mut() {
        if linked.move_to(prose, &candidates) {
            linked.candidates = candidates;
            return linked.mentions.clone();
        }
    }
    let (mentions, reads) = link(prose, &candidates, lex, config);
    memo.linked = Some(Linked {
        prose: prose.to_string(),
        candidates,
        reads,
        mentions: mentions.clone(),
    });
    mentions
}

/// The candidates of a draft analysed once, with nothing kept: its words are listed once
/// for both passes, and candidates go straight into one list, never placed relative to
/// their paragraph and back. The same as the memo's path gives (a test and the `memo` fuzz
/// target compare them).
fn one_shot_candidates(
    segments: &Segments,
    sentences: &Sentences,
    lex: &Lexicons,
) -> Vec<Candidate> {
    let prose = segments.prose.as_str();
    // Index for index the draft's word ranges, so a paragraph's `words` range finds its own.
    let words: Vec<Word<'_>> = segments
        .word_ranges
        .iter()
        .map(|&range| Word {
            range,
            text: prose.get(range.start..range.end).unwrap_or(""),
        })
        .collect();
    let words_of = |paragraph: &Paragraph| words.get(paragraph.words.clone()).unwrap_or_default();
    let mut mid_capitalized = PrehashedSet::default();
    for (idx, paragraph) in segments.paragraphs.iter().enumerate() {
        let heading = paragraph.kind == BlockKind::Heading;
        let list = sentences_of(sentences, idx, paragraph);
        each_capitalized_word(prose, words_of(paragraph), list, heading, |_, stem, mid| {
            if mid {
                mid_capitalized.insert(Prehashed::new(stem));
            }
        });
    }
    let mut collector = Collector::new(&mid_capitalized, lex);
    for (idx, paragraph) in segments.paragraphs.iter().enumerate() {
        let list = sentences_of(sentences, idx, paragraph);
        paragraph_candidates(prose, paragraph, list, words_of(paragraph), &mut collector);
    }
    collector.found
}

/// Collects the candidates of a paragraph's sentences `list` into `collector.found`.
fn paragraph_candidates(
    prose: &str,
    paragraph: &Paragraph,
    list: &[TextRange],
    paragraph_words: &[Word<'_>],
    collector: &mut Collector<'_>,
) {
    let heading = paragraph.kind == BlockKind::Heading;
    // Nothing past the paragraph is read, so the result is the paragraph's own.
    let bounded = prose.get(..paragraph.range.end).unwrap_or(prose);
    for (position, &range) in list.iter().enumerate() {
        let info = SentenceInfo {
            range,
            heading,
            opens_paragraph: position == 0,
        };
        let words = range.covered(paragraph_words, |w| w.range);
        collect_candidates(bounded, words, &info, collector);
    }
}

/// The sentences names are read in: a heading is one, as is a paragraph the splitter found
/// none in.
fn sentences_of<'a>(
    sentences: &'a Sentences,
    idx: usize,
    paragraph: &'a Paragraph,
) -> &'a [TextRange] {
    match sentences.get(idx) {
        Some(list) if paragraph.kind != BlockKind::Heading && !list.is_empty() => list,
        _ => std::slice::from_ref(&paragraph.range),
    }
}

/// The capitalised words of a paragraph's sentences, relative to `base`, into `found`
/// (cleared first).
fn capitalized_words(
    prose: &str,
    paragraph_words: &[Word<'_>],
    sentences: &[TextRange],
    heading: bool,
    base: usize,
    found: &mut CapitalizedWords,
) {
    found.mid_sentence.clear();
    found.all.clear();
    each_capitalized_word(
        prose,
        paragraph_words,
        sentences,
        heading,
        |start, text, mid| {
            let stem = TextRange::new(start, start + text.len());
            let entry = (memo::relative(stem, base), Prehashed::new(text).hash);
            found.all.push(entry);
            if mid {
                found.mid_sentence.push(entry);
            }
        },
    );
}

/// Each capitalised word of a paragraph's sentences: where it starts, the word without its
/// possessive, and whether it is a name of one word away from the start of a sentence or
/// clause (where only names are capitalised). A word of a longer name does not count:
/// `Water` in `the Ashford Water Board` does not make `Water rates rose` a name.
fn each_capitalized_word<'a>(
    prose: &str,
    paragraph_words: &[Word<'a>],
    sentences: &[TextRange],
    heading: bool,
    mut f: impl FnMut(usize, &'a str, bool),
) {
    let joined = |left: Option<&Word<'_>>, right: Option<&Word<'_>>| match (left, right) {
        (Some(left), Some(right)) => {
            left.is_capitalized() && right.is_capitalized() && gap_is_space(prose, left, right)
        }
        _ => false,
    };
    for &sentence in sentences {
        let words = sentence.covered(paragraph_words, |w| w.range);
        for (pos, word) in words.iter().enumerate() {
            if word.is_capitalized() {
                let alone_mid_sentence = pos > 0
                    && !heading
                    && !opens_clause(prose, word)
                    && !joined(words.get(pos - 1), Some(word))
                    && !joined(Some(word), words.get(pos + 1));
                f(
                    word.range.start,
                    word.without_possessive(),
                    alone_mid_sentence,
                );
            }
        }
    }
}

/// True when `word` follows an opening quotation mark, a colon or the end of a sentence
/// (within a quotation, where sentences are not split), any of which capitalise it.
fn opens_clause(prose: &str, word: &Word<'_>) -> bool {
    let Some(mark) = prose
        .get(..word.range.start)
        .and_then(|before| before.trim_end().chars().next_back())
    else {
        return false;
    };
    match mark {
        // A semicolon too, as in a wire story's credits: (Reporting by …; Editing by …).
        '“' | '"' | '‘' | '«' | '„' | ':' | ';' | '—' | '(' => true,
        // A spaced dash, as after a dateline: NEWARK, N.J. - A former executive …
        '–' | '-' => prose
            .get(..word.range.start)
            .is_some_and(|before| before.ends_with(char::is_whitespace)),
        '.' | '!' | '?' => segment::follows_sentence_end(prose, word.range.start),
        _ => false,
    }
}

/// True when `left` is an abbreviation that belongs to the name after it: St. Thomas'
/// Hospital, Mt. Kenya, Ft. Worth.
fn abbreviation_joins(prose: &str, left: &Word<'_>, right: &Word<'_>) -> bool {
    (matches!(left.text, "St" | "Ste" | "Mt" | "Ft") || is_initial(left.text))
        && prose.get(left.range.end..right.range.start) == Some(". ")
}

/// An initial or two written as one word: the F of John F. Kennedy, J.K. Rowling. Not
/// U.S. or D.C., which are places.
fn is_initial(word: &str) -> bool {
    let bytes = word.as_bytes();
    let letter = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_uppercase);
    match bytes.len() {
        1 => letter(0),
        3 => letter(0) && bytes[1] == b'.' && letter(2) && !lexicons().places.contains_key(word),
        _ => false,
    }
}

fn gap_is_space(prose: &str, left: &Word<'_>, right: &Word<'_>) -> bool {
    prose
        .get(left.range.end..right.range.start)
        .is_some_and(|gap| !gap.is_empty() && gap.chars().all(char::is_whitespace))
}

/// A surname that opens with an Arabic article or "bin" in lower case, as news style
/// writes it inside a sentence: al-Hayya, el-Sisi, bin Salman's father bin-Laden.
fn is_particle_name(text: &str) -> bool {
    // Most words are not: only a hyphen after two or three letters is looked at further.
    let bytes = text.as_bytes();
    if !matches!(bytes.first(), Some(b'a' | b'b' | b'e' | b'i'))
        || bytes.get(2) != Some(&b'-') && bytes.get(3) != Some(&b'-')
    {
        return false;
    }
    text.split_once('-').is_some_and(|(particle, rest)| {
        matches!(
            particle,
            "al" | "el" | "ad" | "ar" | "as" | "ash" | "at" | "az" | "bin" | "ibn"
        ) && rest.starts_with(|c: char| c.is_uppercase())
    })
}

fn is_name_word(word: &Word<'_>) -> bool {
    if !word.is_capitalized() {
        return is_particle_name(word.text);
    }
    !matches!(word.text, "Jr" | "Sr" | "II" | "III" | "IV")
        && !lexicon::CALENDAR.has_any_case(word.text)
        // Holidays, and weekdays in the plural (on Saturdays), are dates, not names.
        && !lexicon::HOLIDAYS.has(word.text)
        && !word
            .text
            .strip_suffix('s')
            .is_some_and(|day| day.ends_with("day") && lexicon::CALENDAR.has_any_case(day))
        // Time zones, as in wire copy: up 2.3% at 0915 GMT.
        && !lexicon::TIME_ZONES.has(word.text)
        && word.text != "I"
        && !word.text.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// A month's name that may be a surname (Theresa May, `May said`): capitalised, not before
/// a day or a year, and not after a day or a word that dates (4 June, in May, since March).
fn month_as_surname(prose: &str, list: &[Word<'_>], at: usize) -> bool {
    let Some(word) = list.get(at) else {
        return false;
    };
    if !is_surname_month(word.text) {
        return false;
    }
    let dated_after = prose
        .get(word.range.end..)
        .map(|rest| rest.trim_start_matches([' ', ',']))
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
    let dated_before = at
        .checked_sub(1)
        .and_then(|i| list.get(i))
        .is_some_and(|prev| {
            DATING_WORDS.has_any_case(prev.text)
                || lexicon::CALENDAR.has_any_case(prev.text)
                || prev.text.starts_with(|c: char| c.is_ascii_digit())
        });
    !dated_after && !dated_before
}

/// The months that are also surnames or given names: May, March, June, April, August.
fn is_surname_month(word: &str) -> bool {
    // Most words are turned away by their first letter.
    matches!(word.as_bytes().first(), Some(b'M' | b'J' | b'A'))
        && matches!(word, "May" | "March" | "June" | "April" | "August")
}

/// Words before a month that make it a date: in May, since March, last June.
static DATING_WORDS: WordList = WordList::new(&[
    "after", "and", "before", "between", "by", "during", "early", "from", "in", "last", "late",
    "mid", "next", "of", "on", "or", "since", "this", "through", "to", "until",
]);

/// A month's abbreviation before a day: Jan. 15, Sept. 1, and in wire datelines without the
/// full stop, Aug 14 (Jan alone may be a given name).
fn is_dated_month(prose: &str, word: &Word<'_>) -> bool {
    lexicon::MONTH_ABBREVIATIONS.has(word.text)
        && prose
            .get(word.range.end..)
            .and_then(|rest| rest.strip_prefix(". ").or_else(|| rest.strip_prefix(' ')))
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
}

/// Where a sentence stands, for telling names from capitalised sentence openers.
struct SentenceInfo {
    range: TextRange,
    heading: bool,
    opens_paragraph: bool,
}

/// What candidate collection reads across the draft, and where it writes.
struct Collector<'a> {
    mid_capitalized: &'a PrehashedSet<'a>,
    lex: &'a Lexicons,
    found: Vec<Candidate>,
    /// A buffer for each candidate's text (and role), before it is shared.
    text: String,
    /// The shared strings made so far, each with its folded form: a draft names the same
    /// few people again and again.
    shared: FxMap<Arc<str>, Arc<str>>,
}

impl<'a> Collector<'a> {
    fn new(mid_capitalized: &'a PrehashedSet<'a>, lex: &'a Lexicons) -> Self {
        Collector {
            mid_capitalized,
            lex,
            found: Vec::new(),
            text: String::new(),
            shared: FxMap::default(),
        }
    }

    /// The shared copies of `text` and of its folded form (folded only when new). Roles are
    /// shared the same way; their folded form is never read.
    fn share(shared: &mut FxMap<Arc<str>, Arc<str>>, text: &str) -> (Arc<str>, Arc<str>) {
        if let Some((known, folded)) = shared.get_key_value(text) {
            return (Arc::clone(known), Arc::clone(folded));
        }
        let new: Arc<str> = Arc::from(text);
        let folded: Arc<str> = Arc::from(fold(text));
        shared.insert(Arc::clone(&new), Arc::clone(&folded));
        (new, folded)
    }
}

fn collect_candidates(
    prose: &str,
    list: &[Word<'_>],
    info: &SentenceInfo,
    collector: &mut Collector<'_>,
) {
    let mut idx = 0;
    while idx < list.len() {
        if !(is_name_word(&list[idx]) || month_as_surname(prose, list, idx))
            || is_dated_month(prose, &list[idx])
        {
            idx += 1;
            continue;
        }
        // Grow a run of name words, with connectors and particles between them.
        let start = idx;
        let mut end = idx;
        let mut probe = idx + 1;
        let mut nicknames: Vec<usize> = Vec::new();
        while probe < list.len() {
            let (prev, word) = (&list[probe - 1], &list[probe]);
            if let Some(resume) = nickname_end(prose, list, probe) {
                // Marco “The Wall” Bianchi: the nickname is not part of the name.
                nicknames.extend(probe..resume);
                end = resume;
                probe = resume + 1;
                continue;
            }
            // A possessive ends a name unless an organisation's own word follows (the
            // People's Party): Russia's Sergei Lavrov is Russia and Sergei Lavrov.
            if !(gap_is_space(prose, prev, word) || abbreviation_joins(prose, prev, word))
                || prev.text.len() > 2
                    && prev.without_possessive() != prev.text
                    && !is_org_head(word.text)
            {
                break;
            }
            // A month after a given name is a surname: Theresa May.
            let month_surname = || {
                probe == end + 1
                    && month_as_surname(prose, list, probe)
                    && collector.lex.given_names.contains(prev.text)
            };
            if is_name_word(word) || month_surname() {
                end = probe;
                probe += 1;
            } else if let Some(next_name) = joined_name_after(prose, list, probe) {
                // de la Cruz, Office for National Statistics: joiners between name words.
                end = next_name;
                probe = next_name + 1;
            } else if let Some(place) =
                institution_place_after(prose, list, start, probe, collector.lex)
            {
                end = place;
                probe = place + 1;
            } else {
                break;
            }
        }
        idx = end + 1;
        if nicknames.is_empty() {
            let run = list.get(start..=end).unwrap_or_default();
            split_run(prose, list, start, run, info, collector);
        } else {
            let run: Vec<Word<'_>> = (start..=end)
                .filter(|i| !nicknames.contains(i))
                .filter_map(|i| list.get(i).copied())
                .collect();
            split_run(prose, list, start, &run, info, collector);
        }
    }
}

/// Words that make an organisation's first word a place: Millbrook City Council,
/// Marlow Fire Department, Riverton School Board, the Marlow Gazette.
static CIVIC_WORDS: WordList = WordList::new(&[
    "Assembly",
    "Board",
    "Borough",
    "City",
    "Council",
    "County",
    "District",
    "Elementary",
    "Fire",
    "Gazette",
    "General",
    "Herald",
    "High",
    "Municipal",
    "News",
    "Police",
    "Public",
    "Regional",
    "School",
    "Schools",
    "Times",
    "Town",
]);

/// The place an organisation is named after, when it is a civic body of that place.
fn civic_place_of(canonical: &str) -> Option<&str> {
    let mut tokens = canonical.split(' ');
    let first = tokens.next()?;
    let second = tokens.next()?;
    CIVIC_WORDS.has(second).then_some(first)
}

/// A title or role word, also inside a hyphenated title (Secretary-General).
fn is_title(word: &str) -> bool {
    let word = word.trim_end_matches('.');
    // Capitalised, Dean is far more often a given name (Dean Whitlock) than a title.
    word != "Dean" && lexicon::TITLES.has_any_case(word)
        || word.contains('-')
            && word
                .split('-')
                .any(|part| lexicon::TITLES.has_any_case(part))
}

/// When `list[probe]` starts a run of connectors or particles (of, de la, van der) that
/// ends at a name word, the index of that name word.
fn joined_name_after(prose: &str, list: &[Word<'_>], probe: usize) -> Option<usize> {
    let mut idx = probe;
    while idx < probe + 3 {
        let word = list.get(idx)?;
        let prev = list.get(idx.checked_sub(1)?)?;
        if !gap_is_space(prose, prev, word) {
            return None;
        }
        if is_name_word(word) {
            return (idx > probe).then_some(idx);
        }
        if !(CONNECTORS.has_any_case(word.text) || PARTICLES.has_any_case(word.text)) {
            return None;
        }
        // Only "of the" and particle chains (de la, van der) run to two joiners.
        let chain_ok = idx == probe
            || PARTICLES.has_any_case(word.text)
                && list
                    .get(idx - 1)
                    .is_some_and(|w| PARTICLES.has_any_case(w.text))
            || word.text == "the"
                && list
                    .get(idx - 1)
                    .is_some_and(|w| matches!(w.text, "of" | "for" | "on"));
        if !chain_ok {
            return None;
        }
        idx += 1;
    }
    None
}

/// When an organisation's name so far (`list[start..probe]`) goes on with "in" or "at" and
/// a known place, and an acronym in parentheses follows the place, the place's index: the
/// acronym names the institution with its place (Swiss Federal Institute of Technology in
/// Lausanne (EPFL)), not the place alone. Without the acronym the place stays a place of
/// its own (the Ministry of Health in Kyiv).
fn institution_place_after(
    prose: &str,
    list: &[Word<'_>],
    start: usize,
    probe: usize,
    lex: &Lexicons,
) -> Option<usize> {
    let (joiner, place) = (list.get(probe)?, list.get(probe + 1)?);
    let names_org = list
        .get(start..probe)?
        .iter()
        .any(|w| is_org_head(w.without_possessive()));
    let is_place = is_name_word(place) && lex.places.contains_key(place.text);
    (matches!(joiner.text, "in" | "at")
        && names_org
        && is_place
        && gap_is_space(prose, joiner, place)
        && acronym_after(prose, place.range.end).is_some())
    .then_some(probe + 1)
}

/// When a quoted nickname of up to three capitalised words starts at `list[probe]` and a
/// name word follows it (Marco “The Wall” Bianchi), the index of that name word.
fn nickname_end(prose: &str, list: &[Word<'_>], probe: usize) -> Option<usize> {
    let prev = list.get(probe.checked_sub(1)?)?;
    let first = list.get(probe)?;
    let opening = prose.get(prev.range.end..first.range.start)?;
    if !matches!(opening.trim(), "“" | "\"" | "‘") || !opening.starts_with(' ') {
        return None;
    }
    for last in probe..(probe + 3).min(list.len()) {
        let word = list.get(last)?;
        if !word.is_capitalized() {
            return None;
        }
        let next = list.get(last + 1)?;
        let closing = prose.get(word.range.end..next.range.start)?;
        if matches!(closing.trim(), "”" | "\"" | "’") && closing.ends_with(' ') {
            return is_name_word(next).then_some(last + 1);
        }
    }
    None
}

fn is_org_head(word: &str) -> bool {
    ORG_HEADS.has(word.trim_end_matches('.'))
}

/// Splits a run at connectors unless it names an organisation, strips titles and sentence
/// openers, and pushes what is left.
fn split_run(
    prose: &str,
    list: &[Word<'_>],
    run_start: usize,
    run: &[Word<'_>],
    info: &SentenceInfo,
    collector: &mut Collector<'_>,
) {
    if let [word] = run {
        // Most runs are one word, which only a connector (`The`, `For`) would split away.
        if !CONNECTORS.has_any_case(word.text) {
            push_candidate(prose, list, run_start, run, info, collector);
        }
        return;
    }
    let org_word = |w: &Word<'_>| is_org_head(w.without_possessive()) || ORG_OPENERS.has(w.text);
    let org_like = run.iter().any(org_word);
    // A connector splits the run, except "of" after a place's first word (Port of
    // Kessington and Isle of Man are each one place). In an organisation's name, "of", "for"
    // and "on" belong to it after its own word (Bank of England, Office for National
    // Statistics) and end a person's name before it (Ann Lee of Marlow General Hospital);
    // "and" splits it only between two whole names, each ending in a head: Carrick Logistics
    // and Dunmore Foods, but the Rail and Maritime Transport Union and the Food and Drug
    // Administration.
    let last_is_head = run
        .last()
        .is_some_and(|w| is_org_head(w.without_possessive()));
    let splits_at = |pos: usize| {
        let Some(word) = run.get(pos) else {
            return false;
        };
        let before = pos.checked_sub(1).and_then(|before| run.get(before));
        if !CONNECTORS.has_any_case(word.text)
            || word.text == "of" && before.is_some_and(|w| PLACE_OPENERS.has(w.text))
        {
            return false;
        }
        if !org_like {
            return true;
        }
        if word.text != "and" {
            return !run.get(..pos).is_some_and(|head| head.iter().any(org_word));
        }
        let two_before = pos.checked_sub(2).and_then(|at| run.get(at));
        pos + 2 < run.len()
            && last_is_head
            && before.is_some_and(|w| is_org_head(w.text))
            && two_before.is_some_and(|w| !FUNCTION_WORDS.has_any_case(w.text))
    };
    if (0..run.len()).any(splits_at) {
        let mut piece_start = 0;
        for pos in 0..run.len() {
            if splits_at(pos) {
                if pos > piece_start {
                    push_candidate(
                        prose,
                        list,
                        run_start + piece_start,
                        &run[piece_start..pos],
                        info,
                        collector,
                    );
                }
                piece_start = pos + 1;
            }
        }
        if piece_start < run.len() {
            push_candidate(
                prose,
                list,
                run_start + piece_start,
                &run[piece_start..],
                info,
                collector,
            );
        }
    } else {
        push_candidate(prose, list, run_start, run, info, collector);
    }
}

fn push_candidate(
    prose: &str,
    list: &[Word<'_>],
    run_start: usize,
    run: &[Word<'_>],
    info: &SentenceInfo,
    collector: &mut Collector<'_>,
) {
    let (lex, mid_capitalized) = (collector.lex, collector.mid_capitalized);
    let heading = info.heading;
    let mut first = 0;
    let mut titled = false;
    let mut role_words: Vec<&str> = Vec::new();
    // Titles and the words before them (Ukrainian President, U.S. District Judge) go,
    // unless the run names an organisation (the Justice Department, Marlow General Hospital).
    let names_org = run
        .last()
        .is_some_and(|w| is_org_head(w.without_possessive()));
    // A title word ending a run after a given name is a surname: Martin Luther King, John
    // Major, Isaac Bashevis Singer.
    let surname_at_end = match run {
        [.., given_part, last] if is_title(last.text) && !is_title(given_part.text) => run
            .iter()
            .any(|w| !is_title(w.text) && lex.given_names.contains(w.text)),
        _ => false,
    };
    let searched = if surname_at_end {
        run.len() - 1
    } else {
        run.len()
    };
    // A title alone may still be a surname said again (King, for Martin Luther King): it
    // can only join a person already named.
    let mut lone_title = false;
    if let Some(last_title) = run[..searched]
        .iter()
        .rposition(|w| is_title(w.text))
        .filter(|_| !names_org)
    {
        if last_title + 1 < run.len() {
            titled = true;
            role_words = run[..=last_title].iter().map(|w| w.text).collect();
            first = last_title + 1;
        } else if run.len() == 1 {
            lone_title = true;
        } else {
            // Titles with no name after them. A known place or body before them is still
            // named: New York in "a New York Democrat", the Kremlin in "Kremlin Spokesman".
            let lead_len = run.iter().position(|w| is_title(w.text)).unwrap_or(0);
            if let (Some(lead_first), Some(lead_last)) =
                (run.first(), run.get(lead_len.wrapping_sub(1)))
            {
                let known = prose
                    .get(lead_first.range.start..lead_last.range.end)
                    .is_some_and(|lead| lex.places.contains_key(lead) || KNOWN_ORGS.has(lead));
                if known {
                    push_candidate(prose, list, run_start, &run[..lead_len], info, collector);
                }
            }
            return;
        }
    }
    let at_sentence_start = run_start == 0 || opens_clause(prose, &run[0]);
    let mut weak = lone_title;
    if first == 0 && !lone_title && (at_sentence_start || heading) {
        let opener = &run[0];
        let known = is_known(opener.without_possessive(), lex)
            || mid_capitalized.contains(&Prehashed::new(opener.without_possessive()))
            || opener.is_all_caps();
        // An acronym in parentheses names what came before it, even when it spells a
        // function word: the World Health Organization (WHO).
        let parenthesised_acronym = opener.is_all_caps()
            && prose
                .get(..opener.range.start)
                .is_some_and(|b| b.ends_with('('))
            && prose
                .get(opener.range.end..)
                .is_some_and(|a| a.starts_with(')'));
        if FUNCTION_WORDS.has_any_case(opener.text) && !parenthesised_acronym
            || lexicon::TITLES.has_any_case(opener.text)
            || COMPANY_DESCRIPTORS.has(opener.text)
        {
            first = 1;
        } else if !known && run.len() == 1 {
            weak = true;
        }
    }
    let Some(name) = run.get(first..) else {
        return;
    };
    // A month alone (`May said`) can only be a surname said again.
    if matches!(name, [word] if is_surname_month(word.text)) {
        weak = true;
    }
    // Awards, treaties, laws and events are none of a person, a body or a place.
    if name.len() >= 2 && name.last().is_some_and(|w| NON_ENTITY_HEADS.has(w.text)) {
        return;
    }
    if name.is_empty()
        || names_a_people(prose, name, lex)
        || matches!(name, [word] if COMMON_ACRONYMS.has(word.without_possessive()))
        || matches!(name, [word] if numbers_what_follows(prose, word))
    {
        return;
    }
    // A title before the run in lower case (Kremlin spokesman Dmitry Peskov) is a role.
    // The three words before the name, nearest first:
    let name_start = run_start + first;
    let before = |k: usize| {
        (k < 3)
            .then(|| name_start.checked_sub(k + 1))
            .flatten()
            .and_then(|i| list.get(i))
    };
    if !titled {
        // Only a role's own words stand between it and the name (minister for health Jane
        // Roe), not a verb: in "King spoke in Memphis", King is no role of Memphis.
        // Nor is a name after "for" or "of" the role's holder: in "a spokesman for Blue Sky
        // Air", the airline is who the spokesman speaks for.
        // Nor when a speech verb stands between: "Judge Carruthers said Declan Morrow …".
        let role_joins_name = |k: usize| {
            k == 0
                || before(k - 1)
                    .is_some_and(|w| w.is_capitalized() || CONNECTORS.has_any_case(w.text))
                    && before(0).is_some_and(|w| !CONNECTORS.has_any_case(w.text))
                    && !(0..k)
                        .any(|at| before(at).is_some_and(|w| lexicon::SPEECH_VERBS.has(w.text)))
        };
        if let Some(pos) = (0..3).find(|&k| {
            before(k).is_some_and(|w| lexicon::TITLES.has_any_case(w.text.trim_end_matches('.')))
                && role_joins_name(k)
        }) {
            titled = pos == 0;
            // Capitalised words right before the title belong to the role (Kremlin spokesman).
            let mut end = pos;
            while before(end + 1)
                .is_some_and(|w| w.is_capitalized() && !FUNCTION_WORDS.has_any_case(w.text))
            {
                end += 1;
            }
            role_words = (0..=end).rev().filter_map(before).map(|w| w.text).collect();
        }
    }
    let Some(last_word) = name.last() else {
        return;
    };
    let mut last_token = last_word.text;
    let mut end = last_word.range.end;
    let mut place_hint = false;
    let stem = last_word.without_possessive();
    if stem.len() != last_word.text.len() {
        last_token = stem;
        end = last_word.range.start + stem.len();
    } else if let Some(place) = stem
        .strip_suffix("-based")
        .or_else(|| stem.strip_suffix("-born"))
    {
        // Munich-based, Paris-born: the place, not the adjective; Syrian-born names none.
        if name.len() == 1 && is_demonym(place, lex) {
            return;
        }
        last_token = place;
        end = last_word.range.start + place.len();
        place_hint = true;
    } else if let [state] = name {
        place_hint = prose.get(end..).is_some_and(|after| after.starts_with('.'))
            && STATE_ABBREVIATIONS.has(state.text)
            && prose
                .get(..state.range.start)
                .is_some_and(|before| before.ends_with(", "));
    }
    // Generational suffixes belong to the name as written: Robert Rex, Jr.
    let mut suffix_token = None;
    if name.len() >= 2 {
        if let Some(rest) = prose.get(end..) {
            for suffix in GENERATIONAL_SUFFIXES {
                if rest.starts_with(suffix)
                    && !rest
                        .get(suffix.len()..)
                        .is_some_and(|after| after.starts_with(|c: char| c.is_alphanumeric()))
                {
                    suffix_token = Some(suffix);
                    end += suffix.len();
                    break;
                }
            }
        }
    }
    let start = name.first().map_or(0, |w| w.range.start);
    // In ASCII case only: no other letter lower-cases to one of these words' letters.
    // "The town of Estepona" names a place as surely as "in Estepona".
    let place_noun_of = before(0).is_some_and(|w| w.text == "of")
        && before(1).is_some_and(|w| PLACE_NOUNS.has(w.text));
    let after_place_preposition = place_noun_of
        || before(0).is_some_and(|w| {
            [
                "in",
                "near",
                "outside",
                "across",
                "around",
                "from",
                "throughout",
            ]
            .iter()
            .any(|preposition| w.text.eq_ignore_ascii_case(preposition))
        });
    let acronym = acronym_after(prose, end);
    // A dateline (NEWARK — …) names a place in capitals by house style.
    let dateline = info.opens_paragraph
        && run_start == 0
        && first == 0
        && name.iter().all(|w| w.is_all_caps())
        && prose.get(end..).is_some_and(|rest| {
            rest.starts_with([',', '('])
                || rest.starts_with(" —")
                || rest.starts_with(" –")
                || rest.starts_with(" -")
                || rest.starts_with(" (")
        });
    // The text is written into a reused buffer and copied once into a shared string.
    let text = &mut collector.text;
    text.clear();
    let leading = name.get(..name.len() - 1).unwrap_or(&[]).iter();
    for (idx, token) in leading.map(|w| w.text).chain([last_token]).enumerate() {
        if idx > 0 {
            text.push(' ');
        }
        push_token(text, token, dateline);
        // An initial keeps its full stop: John F. Kennedy.
        if idx + 1 < name.len() && is_initial(token) {
            text.push('.');
        }
    }
    if let Some(suffix) = suffix_token {
        if suffix.starts_with(',') {
            text.push(',');
        }
        text.push(' ');
        push_token(text, suffix.trim_start_matches([',', ' ']), dateline);
    }
    let (text, folded) = Collector::share(&mut collector.shared, text);
    let role = (!role_words.is_empty()).then(|| {
        let role = &mut collector.text;
        role.clear();
        for (idx, word) in role_words.iter().enumerate() {
            if idx > 0 {
                role.push(' ');
            }
            role.push_str(word);
        }
        Collector::share(&mut collector.shared, role).0
    });
    let hover_start = if titled && first > 0 {
        run.first().map_or(start, |w| w.range.start)
    } else {
        start
    };
    collector.found.push(Candidate {
        folded,
        text,
        in_heading: info.heading,
        place_hint,
        hover_start,
        dateline,
        range: TextRange::new(start, end),
        weak: weak && acronym.is_none(),
        sentence_start: at_sentence_start && first == 0,
        titled,
        role,
        sentence: info.range,
        after_place_preposition,
        acronym: acronym.map(|(range, text)| (range, text.into())),
        in_parentheses: prose
            .get(info.range.start..start)
            .is_some_and(|before| before.ends_with(" ("))
            && prose.get(end..).is_some_and(|after| after.starts_with(')')),
    });
}

/// A noun that numbers what it names, with its number: Level 4, Category 2, Flight 202.
fn numbers_what_follows(prose: &str, word: &Word<'_>) -> bool {
    lexicon::IDENTIFIER_NOUNS.has_any_case(word.text)
        && prose
            .get(word.range.end..)
            .and_then(|after| after.strip_prefix(' '))
            .is_some_and(|number| number.starts_with(|c: char| c.is_ascii_digit()))
}

/// An acronym in parentheses right after a name: ` (NSC)`.
fn acronym_after(prose: &str, end: usize) -> Option<(TextRange, String)> {
    let rest = prose.get(end..)?;
    let open = rest.strip_prefix(" (")?;
    let close = open.find(')')?;
    let inner = open.get(..close)?;
    let letters = inner.chars().filter(|c| c.is_alphabetic()).count();
    if (2..=8).contains(&letters)
        && inner
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '&')
    {
        let start = end + 2;
        return Some((
            TextRange::new(start, start + inner.len()),
            inner.to_string(),
        ));
    }
    None
}

/// Words that open a people's name before its demonym: South African, Latin American.
static REGION_WORDS: WordList = WordList::new(&[
    "Central", "Costa", "East", "Eastern", "Gulf", "Latin", "Middle", "Native", "New", "North",
    "Northern", "Puerto", "Saudi", "Sierra", "South", "Southern", "Sri", "West", "Western",
]);

/// A name that only names a people or a faith, which is not a mention: Palestinian,
/// Kurds, South African, Sri Lankan, Middle Eastern, New Zealander.
fn names_a_people(prose: &str, name: &[Word<'_>], lex: &Lexicons) -> bool {
    let (first, last) = match name {
        [one] => return is_demonym(one.without_possessive(), lex),
        [first, .., last] if name.len() <= 3 => (first, last),
        _ => return false,
    };
    if !name[..name.len() - 1]
        .iter()
        .all(|w| REGION_WORDS.has(w.text) || is_demonym(w.text, lex))
    {
        return false;
    }
    let last_text = last.without_possessive();
    let Some(joined) = prose.get(first.range.start..last.range.start + last_text.len()) else {
        return false;
    };
    // Words one space apart: the joined name is the people's place with its ending.
    let one_spaced = joined.split(' ').count() == name.len();
    is_demonym(last_text, lex)
        || matches!(last_text, "Eastern" | "Western")
        || one_spaced
            && (is_demonym(joined, lex)
                || joined
                    .strip_suffix("er")
                    .is_some_and(|place| lex.places.contains_key(place)))
}

/// Demonyms and adjectives of places (Russian, Ukrainian, Polish), and names of peoples and
/// faiths (Kurdish, Sunni), which are not mentions.
fn is_demonym(word: &str, lex: &Lexicons) -> bool {
    static IRREGULAR: WordList = WordList::new(&[
        "Afghan",
        "African",
        "Arab",
        "Argentine",
        "Argentinian",
        "Asian",
        "Basque",
        "Belgian",
        "Berber",
        // Black residents, Indigenous communities (a surname, as in Jack Black, keeps its
        // given name before it).
        "Black",
        "British",
        "Burmese",
        "Canadian",
        "Catalan",
        "Catholic",
        "Congolese",
        "Cypriot",
        "Czech",
        "Danish",
        "Druze",
        "Dutch",
        "Emirati",
        "English",
        "Filipino",
        "Finnish",
        "Flemish",
        "French",
        "German",
        "Greek",
        "Hindu",
        "Hispanic",
        "Indigenous",
        "Irish",
        "Jewish",
        "Kazakh",
        "Kurd",
        "Kurdish",
        "Kyrgyz",
        "Latina",
        "Latino",
        "Lebanese",
        "Mozambican",
        "Muslim",
        "Norwegian",
        "Palestinian",
        "Peruvian",
        "Portuguese",
        "Protestant",
        "Rohingya",
        "Saudi",
        "Scottish",
        "Shia",
        "Shiite",
        "Sikh",
        "Slovak",
        "Somali",
        "Spanish",
        "Sunni",
        "Swedish",
        "Swiss",
        "Tajik",
        "Texan",
        "Thai",
        "Turkish",
        "Turkmen",
        "Uighur",
        "Uyghur",
        "Uzbek",
        "Walloon",
        "Welsh",
        "Yazidi",
    ]);
    if IRREGULAR.has(word) || lex.places.contains_key(word) {
        return IRREGULAR.has(word);
    }
    // Plurals name the people: Germans, Ukrainians, Filipinos.
    if let Some(singular) = word.strip_suffix('s').filter(|stem| stem.len() >= 4) {
        if is_demonym(singular, lex) {
            return true;
        }
    }
    const ENDINGS: &[(&str, &[&str])] = &[
        ("ian", &["ia", "e", "", "y", "a"]),
        ("an", &["a", "o", "", "y"]),
        ("ese", &["a", "", "e"]),
        ("ish", &["and", "en", ""]),
        ("n", &[""]),
        ("i", &[""]),
        ("ic", &["", "ia"]),
    ];
    // Stem and replacement are joined in a buffer on the stack: this runs for every
    // one-word name.
    let mut buffer = [0u8; 64];
    let mut is_place = |stem: &str, replacement: &str| {
        let len = stem.len() + replacement.len();
        let Some(slot) = buffer.get_mut(..len) else {
            return false;
        };
        let (left, right) = slot.split_at_mut(stem.len());
        left.copy_from_slice(stem.as_bytes());
        right.copy_from_slice(replacement.as_bytes());
        std::str::from_utf8(slot).is_ok_and(|joined| lex.places.contains_key(joined))
    };
    ENDINGS.iter().any(|(ending, replacements)| {
        word.strip_suffix(ending)
            .is_some_and(|stem| stem.len() >= 3 && replacements.iter().any(|r| is_place(stem, r)))
    })
}

/// Writes a name's word, title-cased for a dateline in capitals (NEWARK).
fn push_token(text: &mut String, token: &str, title_cased: bool) {
    if !title_cased {
        text.push_str(token);
        return;
    }
    let mut chars = token.chars();
    if let Some(first) = chars.next() {
        text.extend(first.to_uppercase());
        text.extend(chars.flat_map(char::to_lowercase));
    }
}

/// A place or a well-known organisation: a one-word name that may open a sentence on its
/// own. Given names do not count: many are also words that open sentences (Will, Young,
/// Long, Christian), and a person named by a given name alone is linked to the full name
/// or seen mid-sentence elsewhere.
fn is_known(word: &str, lex: &Lexicons) -> bool {
    lex.places.contains_key(word) || KNOWN_ORGS.has(word)
}

fn classify(candidate: &Candidate, lex: &Lexicons) -> EntityKind {
    let text: &str = &candidate.text;
    let last = candidate.tokens().next_back().unwrap_or("");
    let first = candidate.tokens().next().unwrap_or("");
    if candidate.dateline {
        return EntityKind::Place;
    }
    if KNOWN_ORGS.has(text) {
        return EntityKind::Organization;
    }
    if lex.places.contains_key(text) {
        return EntityKind::Place;
    }
    // Institute of Technology, Office for National Statistics: a head before a connector,
    // or before the place an institution names (Harbour Authority at Dover).
    let head_before_connector =
        candidate
            .tokens()
            .zip(candidate.tokens().skip(1))
            .any(|(word, next)| {
                is_org_head(word)
                    && (CONNECTORS.has_any_case(next)
                        || matches!(next, "in" | "at")
                        // University College London, King's College London.
                        || lex.places.contains_key(next))
            });
    if is_org_head(last)
        || ORG_OPENERS.has(first)
        || CLUB_OPENERS.has(first)
        || head_before_connector
    {
        return EntityKind::Organization;
    }
    if PLACE_HEADS.has(last) || PLACE_OPENERS.has(first) && !candidate.is_one_word() {
        return EntityKind::Place;
    }
    if candidate.is_one_word()
        && text
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
        && text.chars().count() >= 2
    {
        return EntityKind::Organization;
    }
    // Munich-based; Mobile, Ala. (Mo is also a given name).
    if candidate.place_hint && candidate.is_one_word() {
        return EntityKind::Place;
    }
    // A body introduced with its acronym: European Forest Fire Information System (EFFIS).
    if candidate.acronym.is_some()
        && !candidate.titled
        && !candidate.is_one_word()
        && !lex.given_names.contains(first)
    {
        return EntityKind::Organization;
    }
    // A party or a company's national arm: Reform UK, Amazon US.
    if !candidate.titled
        && !candidate.is_one_word()
        && matches!(last, "UK" | "US" | "USA" | "Europe")
        && !lex.given_names.contains(first)
    {
        return EntityKind::Organization;
    }
    if candidate.titled || lex.given_names.contains(first) || !candidate.is_one_word() {
        return EntityKind::Person;
    }
    if candidate.after_place_preposition || candidate.place_hint {
        EntityKind::Place
    } else {
        EntityKind::Organization
    }
}

/// Folds an acronym entity into its long form: `NATO` seen before `North Atlantic Treaty
/// Organization (NATO)`, and `SADC (Southern African Development Community)`.
/// `reads` gets the gap between each acronym and the long form that follows it.
fn merge_acronyms(mentions: &mut Mentions, candidates: &[Candidate], reads: &mut Vec<TextRange>) {
    let mut merges: Vec<(usize, usize)> = Vec::new();
    let entity_of = |range: TextRange, mentions: &Mentions| {
        mentions
            .mentions
            .iter()
            .find(|m| m.range == range)
            .map(|m| m.entity)
    };
    // ACR (Long Name): the long name follows in parentheses.
    for pair in candidates.windows(2) {
        let (short, long) = (&pair[0], &pair[1]);
        let is_acronym = short.is_one_word()
            && short.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && short
                .text
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
        let in_parentheses = is_acronym && long.in_parentheses && !long.is_one_word();
        if in_parentheses {
            reads.push(TextRange::new(short.range.end, long.range.start));
        }
        // Nothing but the opening parenthesis between them: `NSC (National Security Council)`.
        if in_parentheses && short.range.end + " (".len() == long.range.start {
            if let (Some(from), Some(into)) = (
                entity_of(short.range, mentions),
                entity_of(long.range, mentions),
            ) {
                if from != into {
                    merges.push((from, into));
                    if let Some(entity) = mentions.entities.get_mut(into) {
                        entity.acronym = Some(short.text.to_string());
                    }
                }
            }
        }
    }
    // An acronym entity seen before the long form that introduces it.
    for (into, entity) in mentions.entities.iter().enumerate() {
        if let Some(acronym) = &entity.acronym {
            for (from, other) in mentions.entities.iter().enumerate() {
                if from != into && other.canonical == *acronym {
                    merges.push((from, into));
                }
            }
        }
    }
    for (from, into) in &merges {
        for mention in &mut mentions.mentions {
            if mention.entity == *from {
                mention.entity = *into;
            }
        }
        let first = mentions.entities.get(*from).map(|e| e.first);
        if let (Some(first), Some(entity)) = (first, mentions.entities.get_mut(*into)) {
            entity.first = entity.first.min(first);
        }
    }
    // Drop the emptied entities and number the rest in order of first reference.
    let used: FxSet<usize> = mentions.mentions.iter().map(|m| m.entity).collect();
    let mut order: Vec<usize> = (0..mentions.entities.len())
        .filter(|i| used.contains(i))
        .collect();
    order.sort_by_key(|&i| mentions.entities.get(i).map_or(0, |e| e.first.start));
    let mut renumber = vec![0usize; mentions.entities.len()];
    for (new, &old) in order.iter().enumerate() {
        if let Some(slot) = renumber.get_mut(old) {
            *slot = new;
        }
    }
    let mut old_entities: Vec<Option<Entity>> = std::mem::take(&mut mentions.entities)
        .into_iter()
        .map(Some)
        .collect();
    mentions.entities = order
        .iter()
        .filter_map(|&old| old_entities.get_mut(old).and_then(Option::take))
        .collect();
    for mention in &mut mentions.mentions {
        mention.entity = renumber.get(mention.entity).copied().unwrap_or(0);
    }
}

/// The variant a mention is of `expected` when both fold to the same letters, if any. A
/// difference only in the apostrophe's style (O'Connell, O’Connell) is typography, which
/// editors fix with the house style, not a misspelt name.
fn folded_variant(found: &str, expected: &str) -> Option<Variant> {
    let plain = |ch: char| {
        if matches!(ch, '’' | '‘' | 'ʼ') {
            '\''
        } else {
            ch
        }
    };
    if found.chars().map(plain).eq(expected.chars().map(plain)) {
        return None;
    }
    Some(Variant {
        kind: variant_kind(found, expected),
        expected: expected.to_string(),
    })
}

/// The kind of difference between two spellings that fold to the same letters.
fn variant_kind(found: &str, expected: &str) -> VariantKind {
    let strip = |s: &str| s.replace(['-', '‐', ' '], "");
    if strip(found) == strip(expected) {
        return VariantKind::Hyphenation;
    }
    if strip(found).to_lowercase() == strip(expected).to_lowercase() {
        let plain = |s: &str| s.replace(['-', '‐'], " ").to_lowercase();
        if plain(found) == plain(expected) {
            return VariantKind::Hyphenation;
        }
        return VariantKind::Case;
    }
    VariantKind::Diacritics
}

/// Fuzzy spelling distance allowed for a name of `len` letters.
fn spelling_limit(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Adds `entity` under `key` once.
fn add_to<'a>(index: &mut FxMap<&'a str, Vec<usize>>, key: &'a str, entity: usize) {
    let entities = index.entry(key).or_default();
    if !entities.contains(&entity) {
        entities.push(entity);
    }
}

/// Every key is borrowed from the candidates being linked (`'a`).
struct Linker<'a> {
    prose: &'a str,
    lex: &'a Lexicons,
    config: &'a Config,
    mentions: Mentions,
    /// Each entity's current name, by entity.
    keys: Vec<NameKeys<'a>>,
    /// Every spelling and acronym seen, to the entity it last named.
    by_spelling: FxMap<&'a str, usize>,
    /// Folded canonical names, to the latest entity with that name.
    by_folded: FxMap<&'a str, usize>,
    /// Single words that matched no entity, with the length of `changes` at the time.
    unmatched: std::cell::RefCell<FxMap<&'a str, usize>>,
    /// Entities in the order they were added or renamed.
    changes: Vec<usize>,
    /// Every token each entity has had, to the entities: a surname is looked up, not
    /// searched for among all entities.
    by_token: FxMap<&'a str, Vec<usize>>,
    /// People by their folded given names, for a misspelt surname after a full name.
    by_given: FxMap<&'a str, Vec<usize>>,
    /// People named in full by their folded family name, for that name split in two
    /// (`Abdel Atty` for Badr Abdelatty).
    by_family: FxMap<&'a str, usize>,
    /// Entities by the first and the second letter (position, byte) of their folded family
    /// name or first word, in order, for the fuzzy surname match.
    by_letter: FxMap<(usize, u8), Vec<usize>>,
    /// Whether each entity's first mention was in a headline.
    first_in_heading: Vec<bool>,
    /// The text read around candidates, beyond the candidates themselves (see `Linked`).
    reads: std::cell::RefCell<Vec<TextRange>>,
}

impl<'a> Linker<'a> {
    fn add_entity(&mut self, candidate: &'a Candidate, kind: EntityKind) -> usize {
        let entity = Entity::new(candidate.text.to_string(), kind, candidate.range);
        let idx = self.mentions.entities.len();
        self.first_in_heading.push(candidate.in_heading);
        self.mentions.entities.push(entity);
        self.keys.push(NameKeys::of(candidate));
        self.index(idx);
        idx
    }

    /// Makes the entity's current name findable: its folded form, each token and, for
    /// people, the folded given names. Old keys stay; lookups re-check the entity.
    fn index(&mut self, idx: usize) {
        let (Some(entity), Some(&keys)) = (self.mentions.entities.get(idx), self.keys.get(idx))
        else {
            return;
        };
        self.changes.push(idx);
        self.by_folded.insert(keys.folded, idx);
        for token in keys.words() {
            add_to(&mut self.by_token, token, idx);
        }
        if entity.kind == EntityKind::Person && !keys.given_folded.is_empty() {
            add_to(&mut self.by_given, keys.given_folded, idx);
            self.by_family.insert(keys.family_folded, idx);
            // Each part of a double surname, to catch it standing alone (Ruiz for Ana
            // García-Ruiz). Not after a particle: al-Hayya is Hayya's own name.
            if keys.family.contains('-') {
                let parts = keys.family.split('-');
                if !parts.clone().any(|part| PARTICLES.has_any_case(part)) {
                    for part in parts {
                        add_to(&mut self.by_token, part, idx);
                    }
                }
            }
        }
        for name in [keys.family_folded, keys.first_folded] {
            for letter in name.bytes().take(2).enumerate() {
                let entities = self.by_letter.entry(letter).or_default();
                if let Err(at) = entities.binary_search(&idx) {
                    entities.insert(at, idx);
                }
            }
        }
    }

    fn record(&mut self, candidate: &'a Candidate, entity: usize, variant: Option<Variant>) {
        let spelling: &'a str = &candidate.text;
        self.by_spelling.insert(spelling, entity);
        if let Some(record) = self.mentions.entities.get_mut(entity) {
            if !record.spellings.iter().any(|s| s == spelling) {
                record.spellings.push(spelling.to_string());
            }
            // Only people hold roles: in "Paul Dales, chief UK economist", the UK holds none.
            if let Some(role) = candidate
                .role
                .as_ref()
                .filter(|_| record.kind == EntityKind::Person)
            {
                if !record.roles.iter().any(|r| **r == **role) {
                    record.roles.push(role.to_string());
                }
            }
        }
        // The newsroom's own spelling rule speaks first when it covers the mention.
        let variant = self.house_variant(spelling).or(variant);
        self.mentions.mentions.push(Mention {
            range: candidate.range,
            hover_start: candidate.hover_start,
            entity,
            variant,
        });
        // The acronym in parentheses is a candidate of its own and links by this.
        if let Some((_, acronym)) = &candidate.acronym {
            if let Some(record) = self.mentions.entities.get_mut(entity) {
                record.acronym = Some(acronym.to_string());
            }
            self.by_spelling.insert(acronym, entity);
        }
    }

    /// A house spelling whose variant appears as whole words in the mention; the expected
    /// form is the mention with the variant replaced.
    fn house_variant(&self, text: &str) -> Option<Variant> {
        if self.config.house_spellings.is_empty() {
            return None;
        }
        let padded = format!(" {text} ");
        self.config.house_spellings.iter().find_map(|house| {
            let variant = house
                .variants
                .iter()
                .find(|v| padded.contains(&format!(" {v} ")))?;
            let expected = padded
                .replace(&format!(" {variant} "), &format!(" {} ", house.preferred))
                .trim()
                .to_string();
            Some(Variant {
                kind: VariantKind::HouseStyle,
                expected,
            })
        })
    }

    /// Finds the entity a candidate refers to and how its spelling departs, if it does.
    fn resolve(&self, candidate: &'a Candidate) -> Option<(usize, Option<Variant>)> {
        let text: &str = &candidate.text;
        let entities = &self.mentions.entities;
        // Most mentions repeat a spelling already seen.
        if let Some(&idx) = self.by_spelling.get(text) {
            return Some((idx, None));
        }
        let folded: &str = &candidate.folded;
        if candidate.tokens().all(|t| {
            t.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
        }) {
            // Datelines and acronyms in capitals are house style, never a variant.
            return self.by_folded.get(folded).map(|&idx| (idx, None));
        }
        if let Some((idx, entity)) = self
            .by_folded
            .get(folded)
            .and_then(|&idx| entities.get(idx).map(|e| (idx, e)))
        {
            {
                let particle_at_start = candidate.sentence_start
                    && entity
                        .canonical
                        .chars()
                        .next()
                        .is_some_and(char::is_lowercase);
                let variant = if particle_at_start {
                    None
                } else {
                    folded_variant(text, &entity.canonical)
                };
                return Some((idx, variant));
            }
        }
        if let Some(canonical) = self.lex.places.get(text) {
            // A surname said again is the person, also when a town shares it (Hassan,
            // Jordan), unless the sentence puts it somewhere: "in Jordan".
            if !candidate.after_place_preposition {
                let person = self
                    .people_by_token(text)
                    .find(|(_, keys)| keys.family == text);
                if let Some((idx, _)) = person {
                    return Some((idx, None));
                }
            }
            if let Some(idx) = entities.iter().rposition(|e| {
                e.kind == EntityKind::Place
                    && e.canonical != text
                    && self.lex.places.get(e.canonical.as_str()) == Some(canonical)
            }) {
                return Some((
                    idx,
                    Some(Variant {
                        kind: VariantKind::Spelling,
                        expected: entities[idx].canonical.clone(),
                    }),
                ));
            }
            return None;
        }
        if candidate.is_one_word() {
            return self.resolve_single(candidate);
        }
        self.resolve_particle_surname(candidate)
            .or_else(|| self.resolve_full_name(candidate))
    }

    /// A surname that opens with a particle, standing for a person named in full before:
    /// `Nic Giolla` for Aoife Nic Giolla, `Van Persie` for Robin van Persie. The particle's
    /// case is not a variant: Dutch style capitalises it when the surname stands alone.
    fn resolve_particle_surname(&self, candidate: &Candidate) -> Option<(usize, Option<Variant>)> {
        let text: &str = &candidate.text;
        let first = candidate.tokens().next()?;
        if !(SURNAME_PARTICLES.has(first) || PARTICLES.has_any_case(first)) {
            return None;
        }
        let last = candidate.tokens().next_back()?;
        let entities = &self.mentions.entities;
        // A person whose name ends with `text` after their given names.
        let ends_with_surname = |idx: &usize| {
            let Some(e) = entities.get(*idx).filter(|e| e.kind == EntityKind::Person) else {
                return false;
            };
            let at = e.canonical.len().saturating_sub(text.len());
            match (e.canonical.get(..at), e.canonical.get(at..)) {
                (Some(given), Some(surname)) => {
                    given.ends_with(' ') && surname.eq_ignore_ascii_case(text)
                }
                _ => false,
            }
        };
        let idx = self
            .by_token
            .get(last)?
            .iter()
            .rev()
            .find(|idx| ends_with_surname(idx))?;
        Some((*idx, None))
    }

    fn resolve_single(&self, candidate: &'a Candidate) -> Option<(usize, Option<Variant>)> {
        let entities = &self.mentions.entities;
        let (text, folded): (&'a str, &str) = (&candidate.text, &candidate.folded);
        // A title alone (King, Major) is a person's surname said again, or nothing.
        let title = is_title(text);
        // A surname, a Korean family name, or the first word of an organisation.
        let exact = self
            .by_token
            .get(text)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&idx| {
                let (Some(e), Some(keys)) = (entities.get(idx), self.keys.get(idx)) else {
                    return false;
                };
                match e.kind {
                    EntityKind::Person => keys.family == text || keys.last() == text,
                    _ if title => false,
                    // A word after "of" names something else: Kessington is not the
                    // Port of Kessington, nor Michigan the University of Michigan.
                    _ => {
                        !keys.is_one_word()
                            && keys
                                .words()
                                .take_while(|t| !CONNECTORS.has_any_case(t))
                                .any(|t| t == text)
                            && civic_place_of(&e.canonical) != Some(text)
                    }
                }
            })
            .max();
        if let Some(idx) = exact {
            return Some((idx, None));
        }
        // `Al-Hayya` opening a sentence is al-Hayya said again: the article is capitalised
        // there by style, not misspelt.
        if candidate.sentence_start {
            if let Some(found) = self.particle_capitalised(text) {
                return Some((found, None));
            }
        }
        // One half of a double surname standing alone.
        let half = self.people_by_token(text).find(|(_, keys)| {
            keys.family.contains('-') && keys.family.split('-').any(|part| part == text)
        });
        if let Some((idx, keys)) = half {
            return Some((
                idx,
                Some(Variant {
                    kind: VariantKind::Spelling,
                    expected: keys.family.to_string(),
                }),
            ));
        }
        if self.lex.given_names.contains(text) {
            return self.by_given_name(candidate);
        }
        if title || KNOWN_ORGS.has(text) {
            return None;
        }
        // A word that matched nothing can only match an entity added or renamed since.
        let tried_until = self.unmatched.borrow().get(text).copied();
        if tried_until == Some(self.changes.len()) {
            return None;
        }
        let limit = spelling_limit(folded.chars().count());
        if limit == 0 {
            return None;
        }
        let check = |idx: usize| {
            let (e, keys) = (entities.get(idx)?, self.keys.get(idx)?);
            let (target, target_folded) = match e.kind {
                EntityKind::Person => (keys.family, keys.family_folded),
                EntityKind::Organization => (keys.first, keys.first_folded),
                EntityKind::Place => return None,
            };
            // Lengths too far apart cannot be within the limit, and a misspelling keeps
            // the first or the second letter (Peskow, Qaddafi).
            if target_folded.len().abs_diff(folded.len()) > limit
                || folded.as_bytes().first() != target_folded.as_bytes().first()
                    && folded.as_bytes().get(1) != target_folded.as_bytes().get(1)
            {
                return None;
            }
            if target_folded.chars().count() < 4 {
                return None;
            }
            // A demonym or plural (Russia and Russian, Park and Parks) is not a misspelling.
            let (longer, shorter) = if folded.len() >= target_folded.len() {
                (folded, target_folded)
            } else {
                (target_folded, folded)
            };
            if longer.strip_prefix(shorter).is_some_and(|extra| {
                matches!(extra, "s" | "es" | "n" | "an" | "ian" | "ese" | "ish" | "i")
            }) {
                return None;
            }
            let distance = edit_distance(folded, target_folded, limit);
            if distance > limit {
                return None;
            }
            if distance == 0 {
                return Some((idx, folded_variant(text, target)));
            }
            Some((
                idx,
                Some(Variant {
                    kind: VariantKind::Spelling,
                    expected: target.to_string(),
                }),
            ))
        };
        // The newest entity that matches wins.
        let found = match tried_until {
            Some(from) => self
                .changes
                .get(from..)
                .unwrap_or_default()
                .iter()
                .filter_map(|&idx| check(idx))
                .max_by_key(|(idx, _)| *idx),
            // A misspelling keeps the first or the second letter: only entities sharing one
            // are tried.
            None => folded
                .bytes()
                .take(2)
                .enumerate()
                .filter_map(|letter| {
                    self.by_letter
                        .get(&letter)?
                        .iter()
                        .rev()
                        .find_map(|&idx| check(idx))
                })
                .max_by_key(|(idx, _)| *idx),
        };
        if found.is_none() {
            self.unmatched.borrow_mut().insert(text, self.changes.len());
        }
        found
    }

    /// The one person named in full with this given name, for the given name alone inside
    /// a sentence (`followed Victor for two years` after Victor Okoro). At a sentence start
    /// it may be a word (Will, Young), and with two such people it names neither.
    fn by_given_name(&self, candidate: &Candidate) -> Option<(usize, Option<Variant>)> {
        if candidate.sentence_start {
            return None;
        }
        let text: &str = &candidate.text;
        let mut people = self
            .people_by_token(text)
            .filter(|(_, keys)| keys.first == text && keys.family != text);
        let (person, _) = people.next()?;
        people.next().is_none().then_some((person, None))
    }

    /// The people indexed under `token` (any word of their name, or half of a double
    /// surname), newest first, with their name keys.
    fn people_by_token(&self, token: &str) -> impl Iterator<Item = (usize, NameKeys<'a>)> + '_ {
        let entities = &self.mentions.entities;
        self.by_token
            .get(token)
            .into_iter()
            .flatten()
            .rev()
            .filter_map(move |&idx| {
                let keys = *self.keys.get(idx)?;
                (entities.get(idx)?.kind == EntityKind::Person).then_some((idx, keys))
            })
    }

    /// The person whose surname is `text` with its article in lower case (al-Hayya for
    /// `Al-Hayya`).
    fn particle_capitalised(&self, text: &str) -> Option<usize> {
        if !text.contains('-') {
            return None;
        }
        let mut chars = text.chars();
        let lowered: String = chars.next()?.to_lowercase().chain(chars).collect();
        if !is_particle_name(&lowered) {
            return None;
        }
        self.people_by_token(&lowered)
            .find(|(_, keys)| keys.family == lowered)
            .map(|(idx, _)| idx)
    }

    fn resolve_full_name(&self, candidate: &'a Candidate) -> Option<(usize, Option<Variant>)> {
        let entities = &self.mentions.entities;
        let name = NameKeys::of(candidate);
        let (family, family_folded, given_folded) =
            (name.family, name.family_folded, name.given_folded);
        // A family name split in two: `Abdel Atty` for Badr Abdelatty.
        if let Some(&idx) = self.by_family.get(name.folded) {
            if let Some(keys) = self.keys.get(idx).filter(|keys| keys.family.len() >= 6) {
                return Some((idx, folded_variant(name.text, keys.family)));
            }
        }
        // A company named in full after its short name (Halvorsen, then Halvorsen
        // Semiconductor Inc) completes it. Only a company: a town taken for an organisation
        // is not its fishermen's association.
        if COMPANY_HEADS.has(name.last().trim_end_matches('.')) {
            let short_name = self.by_token.get(name.first).and_then(|found| {
                found.iter().rev().copied().find(|&idx| {
                    entities.get(idx).is_some_and(|e| {
                        e.kind == EntityKind::Organization && e.canonical == name.first
                    })
                })
            });
            if let Some(idx) = short_name {
                return Some((idx, None));
            }
        }
        // A full name has given names: `given_folded` may still be empty (`Ó`).
        let has_given = !name.is_one_word();
        // Only entities sharing the family name or the given names can answer; the latest
        // one that does wins, as if every entity were tried from the newest back.
        let mut possible: Vec<usize> = [self.by_token.get(family), self.by_given.get(given_folded)]
            .into_iter()
            .flatten()
            .flatten()
            .copied()
            .collect();
        possible.sort_unstable_by(|a, b| b.cmp(a));
        possible.dedup();
        for idx in possible {
            let (Some(entity), Some(keys)) = (entities.get(idx), self.keys.get(idx)) else {
                continue;
            };
            let entity_family = keys.family;
            if keys.is_one_word() && entity_family == family && entity.kind != EntityKind::Place {
                // The surname came first (and was taken for an organisation); this full
                // name completes it.
                return Some((idx, None));
            }
            if entity.kind != EntityKind::Person {
                continue;
            }
            // The surname of two words alone (García Márquez for Gabriel García Márquez, Lula
            // da Silva for Luiz Inácio Lula da Silva) is the same person.
            if keys
                .text
                .strip_suffix(name.text)
                .is_some_and(|given| given.ends_with(' '))
            {
                return Some((idx, None));
            }
            let same_given = has_given && given_folded == keys.given_folded;
            if same_given && family_folded != keys.family_folded {
                let limit = spelling_limit(family_folded.chars().count());
                if limit > 0 && edit_distance(family_folded, keys.family_folded, limit) <= limit {
                    return Some((
                        idx,
                        Some(Variant {
                            kind: VariantKind::Spelling,
                            expected: entity.canonical.clone(),
                        }),
                    ));
                }
            }
            if family == entity_family && !same_given && has_given && !keys.is_one_word() {
                if name.given_initial == keys.given_initial
                    && !self.related(candidate)
                    && !self.introduced(candidate)
                {
                    return Some((
                        idx,
                        Some(Variant {
                            kind: VariantKind::GivenName,
                            expected: entity.canonical.clone(),
                        }),
                    ));
                }
                return None;
            }
        }
        None
    }

    /// The mention comes with its own introduction, so it is someone new: a role before it
    /// (`board member Maria Eriksen`), or an apposition around it (`the only dissenting
    /// board member, Maria Eriksen,` / `Maria Eriksen, a fisherman,`).
    fn introduced(&self, candidate: &Candidate) -> bool {
        let before = self
            .prose
            .get(..candidate.hover_start)
            .unwrap_or("")
            .trim_end();
        let after = self.prose.get(candidate.range.end..).unwrap_or("");
        // From the last character before the name (at most four bytes) to the longest
        // apposition after it.
        self.reads.borrow_mut().push(TextRange::new(
            before.len().saturating_sub(4),
            candidate.range.end + ", who ".len(),
        ));
        candidate.role.is_some()
            || before.ends_with(',')
            || [", a ", ", an ", ", the ", ", who "]
                .iter()
                .any(|apposition| after.starts_with(apposition))
    }

    /// The sentence makes the two people different (`his wife`, `no relation`).
    fn related(&self, candidate: &Candidate) -> bool {
        self.reads.borrow_mut().push(candidate.sentence);
        let sentence = self
            .prose
            .get(candidate.sentence.start..candidate.sentence.end)
            .unwrap_or("")
            .to_lowercase();
        let spaced: String = sentence
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .fold(String::from(" "), |acc, w| acc + w + " ");
        RELATION_CUES
            .iter()
            .any(|cue| spaced.contains(&format!(" {cue} ")))
    }
}

/// Links candidates to entities; returns them and the text read around them.
fn link(
    prose: &str,
    candidates: &[Candidate],
    lex: &Lexicons,
    config: &Config,
) -> (Mentions, Vec<TextRange>) {
    let mut linker = Linker {
        prose,
        lex,
        config,
        mentions: Mentions::default(),
        keys: Vec::new(),
        by_spelling: FxMap::default(),
        by_folded: FxMap::default(),
        unmatched: std::cell::RefCell::new(FxMap::default()),
        changes: Vec::new(),
        by_token: FxMap::default(),
        by_given: FxMap::default(),
        by_family: FxMap::default(),
        by_letter: FxMap::default(),
        first_in_heading: Vec::new(),
        reads: Default::default(),
    };
    for candidate in candidates {
        match linker.resolve(candidate) {
            Some((entity, variant)) => {
                let upgrade = variant.is_none()
                    && !candidate.is_one_word()
                    && linker
                        .mentions
                        .entities
                        .get(entity)
                        .is_some_and(|e| !e.canonical.contains(' '));
                if upgrade {
                    // The surname came first: the full name becomes canonical, and news
                    // style wants it on first reference.
                    let first_in_heading = linker
                        .first_in_heading
                        .get(entity)
                        .copied()
                        .unwrap_or(false);
                    if let Some(record) = linker.mentions.entities.get_mut(entity) {
                        let first = record.first;
                        if classify(candidate, lex) == EntityKind::Person {
                            record.kind = EntityKind::Person;
                            // Headlines use surnames alone; only body text is held to it.
                            if !first_in_heading {
                                linker.mentions.surname_first.push((first, candidate.range));
                            }
                        }
                        record.canonical = candidate.text.to_string();
                    }
                    if let Some(keys) = linker.keys.get_mut(entity) {
                        *keys = NameKeys::of(candidate);
                    }
                    linker.index(entity);
                }
                linker.record(candidate, entity, variant);
            }
            None if candidate.weak => {}
            None => {
                let kind = classify(candidate, lex);
                let entity = linker.add_entity(candidate, kind);
                linker.record(candidate, entity, None);
            }
        }
    }
    let mut reads = linker.reads.take();
    merge_acronyms(&mut linker.mentions, candidates, &mut reads);
    // "Millbrook" beside "Millbrook City Council" is the town, not the council; so is
    // "Kessington" beside "the Port of Kessington".
    let civic_places: FxSet<String> = linker
        .mentions
        .entities
        .iter()
        .filter_map(|e| match e.kind {
            EntityKind::Organization => civic_place_of(&e.canonical),
            EntityKind::Place => e.canonical.rsplit_once(" of ").map(|(_, place)| place),
            EntityKind::Person => None,
        })
        .map(str::to_string)
        .collect();
    for entity in &mut linker.mentions.entities {
        if entity.kind == EntityKind::Organization && civic_places.contains(&entity.canonical) {
            entity.kind = EntityKind::Place;
        }
    }
    linker.mentions.mentions.sort_by_key(|m| m.range.start);
    (linker.mentions, reads)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_lines_are_the_lines_without_comments_blanks_or_line_ends() {
        let text = "# comment\nOslo\tcity\tOslo\r\n\nKyiv\tcity\tKyiv\n#x\nLast";
        assert_eq!(
            data_lines(text).collect::<Vec<_>>(),
            vec!["Oslo\tcity\tOslo", "Kyiv\tcity\tKyiv", "Last"]
        );
        for file in [
            include_str!("data/gazetteer.tsv"),
            include_str!("data/given_names.txt"),
        ] {
            let long_way: Vec<&str> = file
                .lines()
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .collect();
            assert_eq!(data_lines(file).collect::<Vec<_>>(), long_way);
        }
        assert_eq!(split_at_tab("Oslo\tcity"), Some(("Oslo", "city")));
        assert_eq!(split_at_tab("Oslo"), None);
    }

    #[test]
    fn folding_ignores_accents_hyphens_and_case() {
        assert_eq!(fold("Zoë Harper"), fold("Zoe Harper"));
        assert_eq!(fold("Kim Jong-un"), fold("Kim Jong Un"));
        assert_eq!(fold("Sørensen"), "sorensen");
        assert_ne!(fold("Peskov"), fold("Peskow"));
    }

    #[test]
    fn edit_distance_counts_transpositions_once() {
        assert_eq!(edit_distance("osei", "osie", 2), 1);
        assert_eq!(edit_distance("peskov", "peskow", 2), 1);
        assert_eq!(edit_distance("kyiv", "kiev", 1), 2);
        assert_eq!(edit_distance("zelenskyy", "zelensky", 2), 1);
        assert_eq!(edit_distance("ağca", "agca", 2), 1);
        assert_eq!(edit_distance(&"a".repeat(40), &"b".repeat(40), 2), 3);
    }

    /// The full table, no rolling rows and no early exit: what `edit_distance` must equal.
    fn reference_distance(a: &str, b: &str, limit: usize) -> usize {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                d[i][j] = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
                }
            }
        }
        d[a.len()][b.len()].min(limit + 1)
    }

    proptest::proptest! {
        #[test]
        fn edit_distance_equals_the_full_table(
            a in "[abcé]{0,12}",
            b in "[abcé]{0,12}",
            limit in 0usize..4,
        ) {
            proptest::prop_assert_eq!(edit_distance(&a, &b, limit), reference_distance(&a, &b, limit));
        }

        /// A name's keys, cut from its folded form, are each word folded on its own: the
        /// family name last or (Kim, Xi) first, the given names together.
        #[test]
        fn name_keys_are_the_words_folded_one_by_one(
            words in proptest::collection::vec("Kim|Xi|Ó|Zoë|Jong-un|Sørensen|Æsa|Strauß|José|Mc[Dd]onald|O’Neil|A|ı̇|Ǆ", 1..5),
        ) {
            let text = words.join(" ");
            let folded = fold(&text);
            let keys = NameKeys::new(&text, &folded);
            let family_first = words.len() >= 2 && FAMILY_FIRST.has(&words[0]);
            let (family, given) = if family_first {
                (&words[0], &words[1..])
            } else {
                (&words[words.len() - 1], &words[..words.len() - 1])
            };
            proptest::prop_assert_eq!(keys.family, family.as_str());
            proptest::prop_assert_eq!(keys.family_folded, fold(family));
            proptest::prop_assert_eq!(keys.first_folded, fold(&words[0]));
            let given_folded: String = given.iter().map(|w| fold(w)).collect();
            proptest::prop_assert_eq!(keys.given_folded, given_folded);
            proptest::prop_assert_eq!(
                keys.given_initial,
                given.first().and_then(|w| w.chars().next())
            );
        }
    }

    #[test]
    fn word_lists_are_sorted() {
        for list in [&FUNCTION_WORDS, &CONNECTORS, &PARTICLES] {
            assert!(crate::analysis::lexicon::is_sorted(list.words()));
        }
    }

    /// The cast of a draft: (canonical name, kind, number of mentions), first reference order.
    /// A markdown draft analysed with the default configuration.
    fn analysed(draft: &str) -> crate::analysis::Analysis {
        crate::analysis::analyze(
            &crate::text::Source::new(draft),
            crate::analysis::Format::Markdown,
            &Config::default(),
        )
    }

    fn cast(draft: &str) -> Vec<(String, &'static str, usize)> {
        let analysis = analysed(draft);
        let mentions = &analysis.mentions;
        mentions
            .entities
            .iter()
            .enumerate()
            .map(|(idx, e)| {
                (
                    e.canonical.clone(),
                    e.kind.label(),
                    mentions.of(idx).count(),
                )
            })
            .collect()
    }

    fn owned(list: &[(&str, &'static str, usize)]) -> Vec<(String, &'static str, usize)> {
        list.iter()
            .map(|(n, k, c)| (n.to_string(), *k, *c))
            .collect()
    }

    #[test]
    fn people_with_titles_particles_and_suffixes() {
        assert_eq!(
            cast("Ukrainian President Volodymyr Zelensky met Sen. Maria de la Cruz and Robert Rex, Jr, in Kyiv. Zelensky left."),
            owned(&[
                ("Volodymyr Zelensky", "person", 2),
                ("Maria de la Cruz", "person", 1),
                ("Robert Rex, Jr", "person", 1),
                ("Kyiv", "place", 1),
            ])
        );
    }

    #[test]
    fn organisations_acronyms_and_places() {
        assert_eq!(
            cast("The National Security Council (NSC) met at the White House. The NSC said the Pentagon agreed. Officials in Millbrook and the Millbrook City Council disagreed."),
            owned(&[
                ("National Security Council", "organization", 3),
                ("White House", "organization", 1),
                ("Pentagon", "organization", 1),
                ("Millbrook", "place", 1),
                ("Millbrook City Council", "organization", 1),
            ])
        );
    }

    #[test]
    fn an_acronym_that_spells_a_word_and_an_institution_with_its_place() {
        assert_eq!(
            cast("The World Health Organization (WHO) says the risk is low. Engineers at the Harbour Authority at Portsmouth (HAP) voted to strike. The Ministry of Health in Kyiv (MoH) and the Ministry of Health in Seoul disagreed."),
            owned(&[
                ("World Health Organization", "organization", 2),
                ("Harbour Authority at Portsmouth", "organization", 2),
                ("Ministry of Health", "organization", 2),
                ("Kyiv", "place", 1),
                ("Seoul", "place", 1),
            ])
        );
    }

    #[test]
    fn an_acronym_before_its_long_form_joins_it() {
        assert_eq!(
            cast("# NATO meets in Seoul\n\nThe North Atlantic Treaty Organization (NATO) opened talks."),
            owned(&[
                ("North Atlantic Treaty Organization", "organization", 3),
                ("Seoul", "place", 1),
            ])
        );
    }

    #[test]
    fn nicknames_datelines_demonyms_and_sentence_openers() {
        assert_eq!(
            cast("MARLOW — Goalkeeper Marco “The Wall” Bianchi saved twice in Marlow. Russian fans cheered. Electricity failed. Bianchi smiled."),
            owned(&[
                ("Marlow", "place", 2),
                ("Marco Bianchi", "person", 2),
            ])
        );
    }

    #[test]
    fn words_that_open_a_sentence_inside_a_quotation_are_not_names() {
        assert_eq!(
            cast("“The yard must stay open. Those are our jobs. Nobody else will hire us,” said Tomasz Wrona, a welder."),
            owned(&[("Tomasz Wrona", "person", 1)])
        );
        // An initial or a title's full stop does not end a sentence: the name goes on.
        assert_eq!(
            cast("“I spoke to Dr. Okonkwo. Okonkwo agreed,” said the mayor, Ruth Adeyemi."),
            owned(&[("Okonkwo", "person", 2), ("Ruth Adeyemi", "person", 1)])
        );
    }

    #[test]
    fn given_names_that_are_also_words_do_not_make_people_at_a_sentence_start() {
        assert_eq!(
            cast("Young families in Harlow are leaving. Long queues formed at the food bank. Will the council act? Christian charities say it must. Grace Lin, who runs the food bank, agreed."),
            owned(&[("Harlow", "place", 1), ("Grace Lin", "person", 1)])
        );
        // Seen mid-sentence, a given name alone is a mention.
        assert_eq!(
            cast("Volunteers thanked Marisol on Friday. Marisol said little."),
            owned(&[("Marisol", "person", 2)])
        );
    }

    #[test]
    fn datelines_dashes_months_nations_and_plural_demonyms() {
        assert_eq!(
            cast("TRENTON, N.J. - A contractor was charged on Sept. 3 after Germans, Lithuanians and Ukrainians complained in German about him. Officials in England and the U.S. said nothing."),
            owned(&[
                ("Trenton", "place", 1),
                ("N.J", "place", 1),
                ("England", "place", 1),
                ("U.S", "place", 1),
            ])
        );
    }

    #[test]
    fn wire_credits_time_zones_and_words_of_longer_names_are_not_names() {
        assert_eq!(
            cast("# Water rates rise again\n\nThe Ashford Water Board raised rates. Shares in Dunmore Holdings were up 2% at 0915 GMT.\n\n(Reporting by Aoife Brennan; Editing by Tom Kerr)"),
            owned(&[
                ("Ashford Water Board", "organization", 1),
                ("Dunmore Holdings", "organization", 1),
                ("Aoife Brennan", "person", 1),
                ("Tom Kerr", "person", 1),
            ])
        );
        // A name that stands alone mid-sentence is still a name at a sentence start.
        assert_eq!(
            cast("Figures from Kantar showed a rise. Kantar said prices fell."),
            owned(&[("Kantar", "place", 2)])
        );
    }

    #[test]
    fn a_surname_with_a_particle_stands_for_the_full_name() {
        assert_eq!(
            cast("Detective Inspector Aoife Nic Giolla led the search. Nic Giolla said it would go on. Striker Robin van Persie watched. Van Persie said nothing."),
            owned(&[
                ("Aoife Nic Giolla", "person", 2),
                ("Robin van Persie", "person", 2),
            ])
        );
    }

    #[test]
    fn dean_before_a_surname_is_a_given_name_and_a_lower_case_dean_a_role() {
        assert_eq!(
            cast("The club replaced captain Dean Whitlock. Law school dean Marta Ilves agreed."),
            owned(&[("Dean Whitlock", "person", 1), ("Marta Ilves", "person", 1)])
        );
    }

    #[test]
    fn parties_and_institutions_known_by_one_word_open_sentences() {
        assert_eq!(
            cast("Labour has pledged more appointments. Republicans blocked the bill. Treasury officials declined to comment."),
            owned(&[
                ("Labour", "organization", 1),
                ("Republicans", "organization", 1),
                ("Treasury", "organization", 1),
            ])
        );
    }

    #[test]
    fn a_person_of_an_institution_and_saints_abbreviated() {
        assert_eq!(
            cast("Dr. Ann Lee of St. Thomas' Hospital flew to St. Louis. The House of Commons and residents of Elmwood House heard her."),
            owned(&[
                ("Ann Lee", "person", 1),
                ("St Thomas' Hospital", "organization", 1),
                ("St Louis", "place", 1),
                ("House of Commons", "organization", 1),
                ("Elmwood House", "organization", 1),
            ])
        );
    }

    #[test]
    fn company_names_end_in_their_trade() {
        assert_eq!(
            cast("The blaze destroyed stock at Carrick Logistics and Dunmore Foods, and Harlow Motors lost a showroom. The Rail and Maritime Transport Union said its members were safe."),
            owned(&[
                ("Carrick Logistics", "organization", 1),
                ("Dunmore Foods", "organization", 1),
                ("Harlow Motors", "organization", 1),
                ("Rail and Maritime Transport Union", "organization", 1),
            ])
        );
    }

    #[test]
    fn a_place_named_of_another_is_one_place_and_the_other_stays_apart() {
        assert_eq!(
            cast("Cranes at the Port of Tyne and ferries to the Isle of Man were idle. Fishermen in Tyne said the port was quiet. Sen. Lara Moss of Port Talbot visited."),
            owned(&[
                ("Port of Tyne", "place", 1),
                ("Isle of Man", "place", 1),
                ("Tyne", "place", 1),
                ("Lara Moss", "person", 1),
                ("Port Talbot", "place", 1),
            ])
        );
    }
    #[test]
    fn a_title_after_a_given_name_is_a_surname_and_a_verb_ends_a_role() {
        assert_eq!(
            cast("Civil rights campaigner Rosa Major led the sit-in in Memphis. Major said the march would resume. Sir Tom King spoke in Leeds. King praised her."),
            owned(&[
                ("Rosa Major", "person", 2),
                ("Memphis", "place", 1),
                ("Tom King", "person", 2),
                ("Leeds", "place", 1),
            ])
        );
        let analysis = analysed(
            "Singer Ines Castillo opened the show. A spokesman for Harbor Air said the flight left late. Castillo spoke in Marlow. Judge Ada Kerr said Ines Castillo was free to go.",
        );
        let roles: Vec<(&str, Vec<String>)> = analysis
            .mentions
            .entities
            .iter()
            .map(|e| (e.canonical.as_str(), e.roles.clone()))
            .collect();
        assert_eq!(
            roles,
            [
                ("Ines Castillo", vec!["Singer".to_string()]),
                ("Harbor Air", vec![]),
                ("Marlow", vec![]),
                ("Ada Kerr", vec!["Judge".to_string()]),
            ]
        );
    }
    #[test]
    fn peoples_and_faiths_are_not_mentions_even_in_two_words() {
        assert_eq!(
            cast("Kurdish and Palestinian families joined South African and Sri Lankan volunteers. A New Zealander, a Latin American priest and two Muslim clerics met Canadian officials and Black and Indigenous leaders in Kampala."),
            owned(&[("Kampala", "place", 1)])
        );
        // A person whose surname looks like a demonym keeps it.
        assert_eq!(
            cast("Grace Roman and Peter Christian spoke."),
            owned(&[
                ("Grace Roman", "person", 1),
                ("Peter Christian", "person", 1)
            ])
        );
    }
    #[test]
    fn companies_broadcasters_palaces_and_states_in_ap_style() {
        assert_eq!(
            cast("Carmaker Tovik said on Monday it would cut jobs. Tovik Motors has plants in Dayton and in Tulsa, Okla., where Sooner Power supplies it. The CEO told Al Jazeera and Goldman Sachs analysts that AI would not replace staff, as Buckingham Palace had feared."),
            owned(&[
                ("Tovik Motors", "organization", 2),
                ("Dayton", "place", 1),
                ("Tulsa", "place", 1),
                ("Okla", "place", 1),
                ("Sooner Power", "organization", 1),
                ("Al Jazeera", "organization", 1),
                ("Goldman Sachs", "organization", 1),
                ("Buckingham Palace", "organization", 1),
            ])
        );
        // Away from a town, a state's abbreviation is what it is there: Mo is a given name.
        assert_eq!(
            cast("Mo Hassan ran. Hassan won in Kent."),
            owned(&[("Mo Hassan", "person", 2), ("Kent", "place", 1)])
        );
    }
    #[test]
    fn arabic_articles_in_lower_case_belong_to_the_surname() {
        assert_eq!(
            cast("Police in Amman detained Yusuf al-Masri, a Paris-born engineer. Al-Masri, 38, denied the charges. Lawyers for al-Masri said Algerian-born officers had beaten him."),
            owned(&[
                ("Amman", "place", 1),
                ("Yusuf al-Masri", "person", 3),
                ("Paris", "place", 1),
            ])
        );
    }

    #[test]
    fn only_people_hold_roles() {
        let analysis = analysed(
            "“Rates will fall,” said Nadia Brook, chief EU economist at Harwell Economics.",
        );
        let roles: Vec<(&str, &str, usize)> = analysis
            .mentions
            .entities
            .iter()
            .map(|e| (e.canonical.as_str(), e.kind.label(), e.roles.len()))
            .collect();
        assert_eq!(
            roles,
            [
                ("Nadia Brook", "person", 0),
                ("EU", "organization", 0),
                ("Harwell Economics", "organization", 0),
            ]
        );
    }
    #[test]
    fn clubs_leagues_numbered_labels_and_a_given_name_alone() {
        assert_eq!(
            cast("Midfielder Tomas Lindqvist joined Real Betis from Sporting in a deal the Serie A side matched. Betis fans chanted for Tomas at Gate 7 before the Level 2 alert."),
            owned(&[
                ("Tomas Lindqvist", "person", 2),
                ("Real Betis", "organization", 2),
                ("Sporting", "organization", 1),
                ("Serie A", "organization", 1),
            ])
        );
        // With two people of that given name, it names neither of them.
        assert_eq!(
            cast("Anna Berg and Anna Moss left early; later Anna returned."),
            owned(&[
                ("Anna Berg", "person", 1),
                ("Anna Moss", "person", 1),
                ("Anna", "person", 1)
            ])
        );
    }
    #[test]
    fn initials_suffixes_awards_and_a_party_after_a_place() {
        assert_eq!(
            cast("Harold T. Wexley Jr. won the Pulitzer Prize. Wexley, a Maine Democrat, thanked J.R. Osgood in Portland."),
            owned(&[
                ("Harold T. Wexley Jr", "person", 2),
                ("Maine", "place", 1),
                ("J.R. Osgood", "person", 1),
                ("Portland", "place", 1),
            ])
        );
    }
    #[test]
    fn friends_groups_libraries_and_colleges_named_with_their_city() {
        assert_eq!(
            cast("The Friends of Harbour Park wrote to Westbury Library and to Imperial College London."),
            owned(&[
                ("Friends of Harbour Park", "organization", 1),
                ("Westbury Library", "organization", 1),
                ("Imperial College London", "organization", 1),
            ])
        );
    }
    #[test]
    fn a_possessive_ends_a_name_unless_an_organisations_word_follows() {
        assert_eq!(
            cast("Norway's Ingrid Solberg met Labour's Tom Ashby. Solberg, Reform UK and the People's Party objected."),
            owned(&[
                ("Norway", "place", 1),
                ("Ingrid Solberg", "person", 2),
                ("Labour", "organization", 1),
                ("Tom Ashby", "person", 1),
                ("Reform UK", "organization", 1),
                ("People's Party", "organization", 1),
            ])
        );
    }
    #[test]
    fn wire_dates_towns_of_and_bodies_introduced_with_an_acronym() {
        assert_eq!(
            // The acronym is a mention of its own.
            cast("LISBON, Sept 3 (Reuters) - Crews near the village of Monchique were joined by the Civil Protection Emergency Response Unit (CPERU)."),
            owned(&[
                ("Lisbon", "place", 1),
                ("Reuters", "organization", 1),
                ("Monchique", "place", 1),
                ("Civil Protection Emergency Response Unit", "organization", 2),
            ])
        );
    }
    #[test]
    fn a_month_after_a_given_name_is_a_surname_and_alone_it_links_to_that_person() {
        assert_eq!(
            cast("Home secretary Alice May spoke in May. May said the March 2020 plan had failed, and in June she quit. Drummer Tom June played on 4 June."),
            owned(&[("Alice May", "person", 2), ("Tom June", "person", 1)])
        );
    }
    #[test]
    fn seas_coasts_laboratories_and_orchestras() {
        assert_eq!(
            cast("Trawlers left the North Sea for the Atlantic Ocean, said the Marine Laboratory, which shares a hall with the Granite City Orchestra."),
            owned(&[
                ("North Sea", "place", 1),
                ("Atlantic Ocean", "place", 1),
                ("Marine Laboratory", "organization", 1),
                ("Granite City Orchestra", "organization", 1),
            ])
        );
    }
}
