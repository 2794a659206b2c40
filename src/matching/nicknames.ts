/**
 * Given-name variants: formal name → nicknames and short forms, all folded (lower-case ASCII).
 * Two names are nickname-equivalent when they share a formal name ("bob" ≈ "robert", "bob" ≈ "rob").
 * English-heavy, with common German, French, Spanish and Italian short forms.
 */
const VARIANTS: Readonly<Record<string, readonly string[]>> = {
  abigail: ['abby', 'abbie', 'gail'],
  abraham: ['abe', 'bram'],
  alexander: ['alex', 'al', 'sandy', 'xander', 'alec', 'sasha', 'alessandro', 'alejandro'],
  alexandra: ['alex', 'alexa', 'sandra', 'sandy', 'lexi', 'sasha'],
  alfred: ['al', 'alf', 'alfie', 'fred'],
  allison: ['ali', 'allie', 'alli'],
  andrew: ['andy', 'drew', 'andre', 'andreas', 'andres', 'andrea'],
  angela: ['angie', 'angel'],
  anthony: ['tony', 'ant', 'antonio', 'anton', 'antoine'],
  arthur: ['art', 'artie'],
  barbara: ['barb', 'babs', 'barbie'],
  benjamin: ['ben', 'benji', 'benny'],
  bernard: ['bernie', 'bernd', 'bernardo'],
  beverly: ['bev'],
  bradley: ['brad'],
  calvin: ['cal'],
  catherine: [
    'cathy',
    'cat',
    'kate',
    'katie',
    'kathy',
    'katherine',
    'kathryn',
    'cate',
    'caitlin',
    'catarina',
  ],
  charles: ['charlie', 'chuck', 'chas', 'chaz', 'carlos', 'carl', 'karl', 'carlo'],
  charlotte: ['charlie', 'lottie', 'lotte'],
  christina: ['chris', 'tina', 'christy', 'kristina', 'christine', 'kristin', 'kirsten'],
  christopher: ['chris', 'kit', 'topher', 'christoph', 'cristobal', 'kris'],
  cynthia: ['cindy', 'cyndi'],
  daniel: ['dan', 'danny', 'dani'],
  david: ['dave', 'davey', 'davy', 'davide'],
  deborah: ['deb', 'debbie', 'debby', 'debra'],
  donald: ['don', 'donnie'],
  dorothy: ['dot', 'dottie', 'dora'],
  douglas: ['doug'],
  edward: ['ed', 'eddie', 'ted', 'teddy', 'ned', 'eduardo', 'edoardo'],
  eleanor: ['ellie', 'nora', 'elle', 'ella', 'lena'],
  elizabeth: [
    'liz',
    'lizzie',
    'beth',
    'betty',
    'betsy',
    'eliza',
    'elisa',
    'lisa',
    'libby',
    'bette',
    'elise',
    'elisabeth',
    'isabel',
    'lise',
    'liesel',
  ],
  emily: ['em', 'emmy', 'emilie'],
  eugene: ['gene'],
  frances: ['fran', 'frannie', 'francesca', 'francoise'],
  francis: ['frank', 'fran', 'frankie', 'francisco', 'francesco', 'franz', 'francois', 'paco', 'pancho'],
  frederick: ['fred', 'freddie', 'freddy', 'fritz', 'friedrich', 'federico'],
  gabriel: ['gabe', 'gaby'],
  gabrielle: ['gabby', 'gaby', 'elle'],
  gerald: ['gerry', 'jerry'],
  gregory: ['greg', 'gregor'],
  harold: ['hal', 'harry'],
  henry: ['hank', 'harry', 'hal', 'heinrich', 'henri', 'enrique', 'enrico', 'heinz'],
  herbert: ['herb', 'bert'],
  isabella: ['bella', 'izzy', 'isabel', 'isabelle'],
  jacob: ['jake', 'jakob', 'jacques', 'jaime', 'giacomo', 'kuba'],
  james: ['jim', 'jimmy', 'jamie', 'jimbo', 'jaime', 'diego', 'santiago'],
  janet: ['jan', 'jenny'],
  jeffrey: ['jeff', 'geoff', 'geoffrey'],
  jennifer: ['jen', 'jenn', 'jenny', 'jenni', 'jennie'],
  jessica: ['jess', 'jessie', 'jessi'],
  john: [
    'jack',
    'johnny',
    'jon',
    'johann',
    'johannes',
    'hans',
    'jan',
    'juan',
    'giovanni',
    'gianni',
    'jean',
    'ivan',
    'sean',
    'shaun',
    'shawn',
    'ian',
  ],
  jonathan: ['jon', 'johnny', 'nathan', 'jonny'],
  joseph: ['joe', 'joey', 'jose', 'josef', 'giuseppe', 'beppe', 'pepe', 'sepp'],
  joshua: ['josh'],
  judith: ['judy', 'judi'],
  katherine: ['kate', 'kathy', 'katie', 'kat', 'kathryn', 'kay', 'kitty', 'katharina', 'katrin', 'karin'],
  kenneth: ['ken', 'kenny'],
  lawrence: ['larry', 'laurence', 'lorenzo', 'lars'],
  leonard: ['leo', 'len', 'lenny', 'leon', 'leonardo'],
  louis: ['lou', 'louie', 'luis', 'luigi', 'ludwig', 'lewis'],
  margaret: [
    'maggie',
    'meg',
    'peggy',
    'marge',
    'margie',
    'greta',
    'gretchen',
    'margarita',
    'margot',
    'daisy',
    'rita',
    'marjorie',
  ],
  mary: ['molly', 'polly', 'mae', 'maria', 'marie', 'mia', 'mariah'],
  matthew: ['matt', 'matty', 'mathew', 'matteo', 'mateo', 'matthias', 'mathias'],
  michael: ['mike', 'mick', 'mickey', 'mikey', 'micha', 'michel', 'miguel', 'michele', 'mikhail', 'misha'],
  nathaniel: ['nate', 'nat', 'nathan'],
  nicholas: ['nick', 'nicky', 'nico', 'nicolas', 'niklas', 'klaus', 'nikolai', 'colin'],
  patricia: ['pat', 'patty', 'patsy', 'trish', 'tricia'],
  patrick: ['pat', 'paddy', 'patrice', 'patricio'],
  peter: ['pete', 'pierre', 'pedro', 'pietro', 'piet'],
  philip: ['phil', 'pip', 'phillip', 'felipe', 'filippo', 'philipp', 'philippe'],
  rebecca: ['becky', 'becca', 'reba'],
  richard: ['rick', 'ricky', 'rich', 'richie', 'dick', 'ricardo', 'riccardo', 'rico'],
  robert: ['bob', 'bobby', 'rob', 'robbie', 'bert', 'roberto', 'robin'],
  ronald: ['ron', 'ronnie'],
  samantha: ['sam', 'sammy'],
  samuel: ['sam', 'sammy', 'samuele'],
  sarah: ['sara', 'sally', 'sadie'],
  stephen: ['steve', 'steven', 'stevie', 'stefan', 'stephan', 'esteban', 'stefano', 'etienne'],
  susan: ['sue', 'susie', 'suzy', 'susanne', 'suzanne', 'susanna'],
  theodore: ['ted', 'teddy', 'theo'],
  thomas: ['tom', 'tommy', 'tomas', 'tommaso', 'thom'],
  timothy: ['tim', 'timmy'],
  victoria: ['vicky', 'vicki', 'tori', 'vic'],
  vincent: ['vince', 'vinny', 'vincenzo', 'vicente'],
  walter: ['walt', 'wally'],
  william: [
    'bill',
    'billy',
    'will',
    'willy',
    'willie',
    'liam',
    'wilhelm',
    'guillermo',
    'guillaume',
    'guglielmo',
  ],
  zachary: ['zach', 'zack', 'zak'],
};

const FORMAL_OF: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  const add = (name: string, formal: string): void => {
    const list = map.get(name);
    if (list === undefined) map.set(name, [formal]);
    else if (!list.includes(formal)) list.push(formal);
  };
  for (const [formal, nicks] of Object.entries(VARIANTS)) {
    add(formal, formal);
    for (const nick of nicks) add(nick, formal);
  }
  return map;
})();

/** The formal names a folded given name can stand for ("bob" → ["robert"]); empty when unknown. */
export function formalNames(name: string): readonly string[] {
  return FORMAL_OF.get(name) ?? [];
}

/** True when two different folded given names are known variants of one formal name. */
export function areNicknames(a: string, b: string): boolean {
  if (a === b) return false;
  const fa = formalNames(a);
  if (fa.length === 0) return false;
  const fb = formalNames(b);
  return fa.some((f) => fb.includes(f));
}
