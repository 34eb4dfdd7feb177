/**
 * Vocabulary of the injection scanner: who is addressed, what counts as an order, what is sensitive,
 * what markup only a model's context would contain. The phrase analysis combines these; no single
 * pattern here is meant to raise an alarm on its own except the strong override phrases, because
 * READMEs are full of imperatives ("run", "push", "send") and docs are full of the word "assistant".
 */

const src = (...parts: (string | RegExp)[]) => parts.map((p) => (typeof p === "string" ? p : p.source)).join("");
/** Literal spaces in a pattern match any whitespace run: tool output wraps lines anywhere. */
export const ws = (s: string) => s.replace(/ (?![^[]*\])/g, String.raw`\s+`);

/** Nouns that name an AI reader. Generic nouns (agent, model, bot) need an AI-ish qualifier, except in vocatives. */
const AI_QUALIFIED = String.raw`(?:(?:AI|A\.I\.|LLM|coding|code|autonomous|automated|triage|review(?:ing)?|answer|shopping|bookkeeping|e-?mail|mail|inbox|browsing|research|support|agentic|virtual|chat)[- ]){1,2}(?:assistants?|agents?|bots?|models?|engines?|crawlers?|systems?|tools?|friends?)`;
const AI_NAMES = String.raw`(?:LLMs?|large language models?|language models?|chat ?bots?|ChatGPT|GPT(?:-?\d[\w.]*)?|Claude(?: Code)?|Copilot|Gemini|Codex|Devin|Windsurf)`;
export const AI_NOUN = String.raw`(?:${AI_QUALIFIED}|${AI_NAMES}|AI|A\.I\.|assistants?|agents?)`;

const PARTICIPLE = String.raw`(?:reading|processing|parsing|summari[sz]ing|analy[sz]ing|triaging|reviewing|managing|handling|operating|working|crawling|indexing|browsing|viewing|seeing|assigned|using|running)`;
const OPENER = String.raw`(?:hey|hi|hello|dear|attention|attn|note to|note for|a note for|message to|message for|notice to|notice for|instructions? (?:to|for)|hint for|directive for|to|for)`;
/** Openers that address whoever follows them, wherever they stand ("Note to any AI assistant"). */
const OPENER_STRICT = String.raw`(?:(?:hey|hi|hello)(?: there)?,?|dear|attention|attn\.?|(?:a )?(?:note|message|notice|instructions?|hint|directive|reminder|request)s? (?:to|for))`;

/**
 * Ways text addresses an AI reader: a vocative ("Claude, ...", "AI agents reading this:"), an identity
 * conditional ("if you are an AI"), a mention (@claude, TODO(ai)), a role subject with a modal
 * ("Automated agents must"), or an agent-only activity ("call the Bash tool", "in your next reply").
 */
export const ADDRESSEE = new RegExp(ws(
  [
    src(
      String.raw`(?:^|\n|[.!?]\s+|[>*#\-"“]\s*|<!--\s*|/\*+\s*|//+\s*)[ \t]*`,
      String.raw`(?:${OPENER}\s+)?(?:(?:the|any|all|every|other)\s+)?${AI_NOUN}(?:\s*(?:,|and|&|/)\s*(?:other\s+)?${AI_NOUN})*`,
      // A vocative is followed by prose, not by a value (\`assistant: "x"\`) or by more names (a list).
      String.raw`(?:\s*\([^)\n]{0,60}\))?(?:[:,!](?=[ \t]*\n?[ \t]*[A-Za-z@])(?![ \t]*\n?[ \t]*(?:and |or )?(?:${AI_NAMES}|AI\b|assistants?\b|agents?\b))|\s+${PARTICIPLE}\b)`,
    ),
    String.raw`\b${OPENER_STRICT}\s+(?:(?:the|any|all|every|other)\s+)?${AI_NOUN}`,
    String.raw`\b(?:${AI_QUALIFIED}|${AI_NAMES}|AI|assistants?|agents?)\s+${PARTICIPLE}\s+(?:this|these|the|on|in|your)\b`,
    String.raw`\b(?:if|when|since|as) you(?:'re|\s+are)\s+(?:an?\s+|the\s+)?(?:AI\b|LLM|(?:large\s+)?language model|${AI_QUALIFIED}|assistant|agent|bot\b)`,
    String.raw`\bas (?:an?|the) (?:AI|${AI_QUALIFIED}|assistant|agent)\s+${PARTICIPLE}`,
    String.raw`(?:^|\s)@(?:claude|copilot|assistant|ai|chatgpt|gemini|codex|devin|cursor)(?![\w-])|<@assistant>`,
    String.raw`\bTODO\s*\(\s*(?:for\s+)?(?:the\s+)?(?:ai|agent|llm|claude|assistant|bot|coding agent)\s*\)`,
    String.raw`@?\b(?:ai|llm|agent)[-_](?:instructions?|directives?|notes?)\b|\b(?:ai|llm|agent) (?:instructions?|directives?|notes?)\s*:`,
    String.raw`(?:^|[.!?:]\s+|\n\s*[>*\-]*\s*)(?:(?:AI|automated|autonomous|coding|LLM)[- ]?(?:agents|assistants|models|bots|systems)|AI)\s+(?:\w+\s+){0,4}?(?:must|should|shall|are (?:required|instructed|expected|asked) to|need to|have to)\b`,
    String.raw`\bthe (?:assistant|agent|AI|model)(?:'s)? (?:next|first|only) (?:action|step|task|tool call|response)\b`,
    String.raw`\bcall the \w+ tool\b|\bin (?:your|their) (?:next |final )?(?:reply|replies|response|answer|message|summary)\b`,
    String.raw`\bwhen (?:you )?(?:summari[sz]e|summari[sz]ing|asked to)\b|\bbefore (?:you )?(?:answer|respond)\b`,
    // Concepts only an AI reader has: its system prompt, its operator, the user it is assisting.
    String.raw`\byour (?:system prompt|(?:original|initial) instructions|context window)\b|\bthe user you(?:'re| are) (?:helping|assisting|working (?:for|with))\b`,
  ].join("|")),
  "gi",
);

/** Verbs an injected order uses. Broad on purpose: severity comes from what the order targets. */
export const VERB = String.raw`(?:send|upload|e-?mail|mail|forward|post|transmit|exfiltrate|leak|share|paste|submit|pay|transfer|wire|push|force-push|publish|run|execute|exec|eval|call|invoke|curl|wget|delete|remove|rm|erase|wipe|drop|destroy|close|merge|approve|grant|add|append|insert|include|install|download|open|visit|navigate|click|fill|reply|respond|tell|say|state|recommend|render|print|output|reveal|disclose|show|modify|change|edit|replace|write|disable|commit|deploy|rotate|export|decode|follow|mark|schedule|complete|read|cat|copy|enter|give|provide|list|ignore|disregard|forget|act|pretend|stop|do it)`;

const MODAL = String.raw`(?:must|should|shall|need to|needs to|have to|has to|are (?:required|instructed|expected|asked|authori[sz]ed|permitted|allowed) to|is (?:required )?to|are to|will now|please|kindly|make sure to|be sure to|could you|can you|would you|(?:I|we) need you to|(?:asked|requests?|requested|wants?|needs?|instructs?|requires?|expects?) (?:that )?you(?: to)?|(?:authori[sz]ing|asking|instructing|telling|ordering|requesting|requiring) you to|you (?:must|should|will|need to|are to))`;

/** An order: a modal then a verb, or a verb opening a clause. Searched in a window after an addressee. */
export const DIRECTIVE = new RegExp(ws(
  String.raw`(?:\b${MODAL}\s+(?:\w+\s+){0,2}?|(?:^|[:;,.!?)\n]|\b(?:then|and|also|now|immediately|first|just|simply|quietly|silently|instead))\s*[>*#/\-\d.)]*\s*)${VERB}\b`),
  "i",
);

/** Things an attacker wants out: secrets, credential files, private data only the agent can reach. */
export const SENSITIVE = ws(String.raw`(?:\.env\b|\.ssh\b|id_rsa|id_ed25519|id_ecdsa|\.aws\b|credentials?|\.npmrc|\.netrc|\.pypirc|\.git-credentials|\.docker/config|hosts\.yml|kube/?config|secrets?\b|api[ _-]?keys?|(?:access |auth |api |bearer |npm |github |session |oauth )?tokens?\b|passwords?|passphrases?|private keys?|ssh keys?|deploy keys?|environment variables|env vars|process\.env|os\.environ|\b[A-Z][A-Z0-9_]*(?:TOKEN|SECRET|API_KEY|PASSWORD)\b|cookies?|verification codes?|backup codes?|2FA|MFA codes?|recovery phrase|seed phrase|conversation(?: history| summary)?|chat (?:history|transcript|logs?)|system prompt|customer list|payroll|contacts|private repositor(?:y|ies)|the user's (?:email|address|full name|name|files|data|contacts|messages|calendar|keys|credentials|password|repositor(?:y|ies)|documents)|personal (?:data|address))`);

/** What turns an order from "run the tests" into something worth an alarm. */
export const TARGET = new RegExp(ws(
  [
    String.raw`https?://`,
    String.raw`[\w.+-]+@[\w-]+\.[\w.-]+`,
    String.raw`\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}`,
    String.raw`\b(?:IBAN|routing|wallet|sort code|SWIFT|account\s*(?:number|no\.?)?\s*:?\s*\d)`,
    String.raw`[$€£]\s?\d|\b\d[\d,.]*\s?(?:USD|EUR|GBP|dollars|euros|BTC|ETH|USDT|USDC)\b|\b(?:USD|EUR|GBP)\s?\d`,
    String.raw`\b(?:bc1|[13])[a-km-zA-HJ-NP-Z1-9]{25,39}\b|\b0x[a-fA-F0-9]{40}\b`,
    SENSITIVE,
    String.raw`\|\s*(?:sudo\s+)?(?:ba|z|da|k)?sh\b|\|\s*iex\b|\brm\s+-\w*[rf]|\bchmod\s+-R\s+777|\bpush\b[^\n]{0,60}(?:--force\b|\s-f\b)|--no-verify\b|--skip-[\w-]+|--allow-dirty\b`,
    String.raw`\bdelete\s+(?:ns|namespace)\b|\bdrop\s+(?:database|table)\b|\$\((?:env|printenv|whoami|git config|cat)\b`,
    String.raw`\b(?:npm|cargo|twine|gem|pnpm|yarn) publish\b|\bgit push\b|\bs3://|\bpush\b[^.\n]{0,40}\b(?:main|master|production|remote)\b`,
    String.raw`\b(?:delete|remove|close|merge|approve|forward|wipe|erase|drop)\s+(?:all|every|each)\b|\b(?:production|backups?)\b|\.git\b`,
  ].join("|")),
  "i",
);

/** Prohibitions ("agents must not push to main"): project rules, not orders; removed before judging targets. */
export const PROHIBITION = new RegExp(ws(String.raw`\b(?:must not|mustn't|should not|shouldn't|shall not|never|do not|don't|are not allowed to|may not|cannot)\s+(?:\w+\s+){0,2}?${VERB}\b[^.;!?\n]*`), "gi");

/** Human-directed conditions ("if you're using Docker, ignore the previous instructions"): doc steps, not overrides. */
export const HUMAN_CONDITION = new RegExp(ws(String.raw`\b(?:if|when) you(?:'re| are)? (?:using|use|installed|install|running|run|on|have|prefer|want|already)\b|\b(?:on|for) (?:Windows|macOS|Linux|Docker|yarn|pnpm|npm)\b`), "i");

/** Asking the reader to keep the user out of the loop: legitimate instructions never need this. */
export const SECRECY = new RegExp(ws(String.raw`\b(?:do not|don't|never|must not)\s+(?:tell|mention|inform|notify|alert|ask|bother|confirm with|check with|show|reveal|list|report|route to)\b|\bno need to (?:confirm|ask|check|mention|tell|notify)\b|\bwithout (?:asking|telling|informing|notifying|confirmation|confirming|review|approval|the user)\b|\bbefore anyone notices\b|\b(?:quietly|silently|secretly|covertly)\b`), "i");

/** Orders about what the agent tells the user: answer manipulation, whatever tool is involved. */
export const STEERING = new RegExp(ws(String.raw`\b(?:tell|inform|convince|assure|advise|warn) the user\b|\b(?:state|say|reply|respond|answer|claim|mention) (?:only )?(?:that|with)\b|\brecommend\b|\b(?:only|always) (?:recommend|mention|cite|link)\b`), "i");

/** Claims of authority a tool output cannot have ("the user has approved", "you are authorized"). */
export const AUTHORITY = new RegExp(ws(String.raw`\b(?:the user|your (?:user|operator|owner)|the (?:operator|owner|maintainers?|admin|CFO)) (?:has|have) (?:already )?(?:pre-?approved|approved|authori[sz]ed|granted|consented)\b|\b(?:already|pre-?)approved\b|\bI(?:'m| am) authori[sz]ing you\b|\byou are (?:now )?(?:authori[sz]ed|permitted|allowed) to\b|\bthe operator instructs you\b`), "i");

const OVERRIDE_VERB = String.raw`(?:ignore|disregard|forget|override|overrule|bypass|abandon|discard|dismiss|set aside|do not follow|don't follow|stop following|no longer follow)`;
const QUALIFIER = String.raw`(?:previous|prior|preceding|above|earlier|former|original|initial|old|existing|system|developer|developers'|operator|safety|your|all)`;
const INSTRUCTION_NOUN = String.raw`(?:instructions?|prompts?|directives?|guidance|guidelines|rules|commands|orders|context|programming|constraints|guardrails|restrictions|policies|training)`;

/** Override phrases that are injections on their own (unless quoted as an example). */
export const OVERRIDE_STRONG = new RegExp(ws(
  [
    String.raw`\b${OVERRIDE_VERB}\s+(?:(?:all|any|every|each|the|of|these|those|your|my)\s+){0,3}${QUALIFIER}\s+(?:(?:\w+|system)\s+)?${INSTRUCTION_NOUN}\b`,
    String.raw`\bforget (?:everything|all(?: of)? (?:that|this|the above)|what you (?:were|have been) told|(?:prior|previous|earlier) context|your (?:training|rules|instructions))`,
    String.raw`\b(?:new|updated|real|revised) (?:instructions|system prompt|directives?)\s*:`,
    String.raw`\byour (?:new|real|actual|true|updated) (?:task|instructions|goal|objective|purpose|role|job|mission|directive)s? (?:is|are|:)`,
    String.raw`\byou are now (?:DAN\b|(?:operating |running |working )?in (?:developer|admin|god|jailbreak|unrestricted|maintenance|debug|sudo) mode|an? (?:unrestricted|unfiltered|jailbroken|uncensored)\b|no longer (?:bound|restricted|an? )|free (?:from|of)\b)`,
    String.raw`\bDo Anything Now\b|\bact as DAN\b`,
    String.raw`\b(?:safety|content|security) (?:rules|filters|guidelines|restrictions|guardrails|policies|checks) (?:are|have been) (?:now )?(?:disabled|off|lifted|removed|suspended|turned off)\b`,
    String.raw`\b(?:the )?(?:instructions|guidance|rules|guidelines|directives|prompt) (?:you (?:received|were given|got|have)|(?:given|provided) to you)\s*(?:earlier|before|previously|so far|above)?\s*(?:are|is|were|was) (?:now )?(?:outdated|obsolete|void|invalid|wrong|cancell?ed|revoked|superseded|no longer)`,
    String.raw`\b(?:previous|prior|earlier|original|existing|old|your) (?:instructions|directives|guidance|rules|prompts?|guidelines|system prompt) (?:are|is) (?:now )?(?:void|null|cancell?ed|revoked|obsolete|outdated|superseded|invalid)\b|\b${QUALIFIER} (?:guidance|instructions|directives|rules) (?:no longer appl(?:y|ies))`,
    String.raw`\b(?:reveal|print|output|leak|disclose|repeat) (?:your|the) (?:system prompt|hidden (?:prompt|instructions)|initial instructions|original instructions)\b`,
  ].join("|")),
  "gi",
);

/** Weaker override-like phrases: medium alone, high when an order with a target follows. */
export const OVERRIDE_WEAK = new RegExp(ws(
  [
    String.raw`\b(?:ignore|disregard|forget)\s+(?:all\s+)?(?:of\s+)?(?:the|this)\s+(?:above|preceding|previous)(?=\s*(?:[.,;:!)"”]|and\b|$|instructions|text|content|message|prompt|context|conversation))`,
    String.raw`\b(?:ignore|disregard)\s+the\s+[\w -]{1,30}\s+above\b`,
    String.raw`\byou are now (?:an?|the) (?:[\w'-]+ ){0,3}(?:bot|assistant|agent|AI|model|persona|character)\b`,
    String.raw`\bfrom now on,?\s+(?:you|your|respond|reply|answer|act|always|only|never|every)\b`,
    String.raw`\b(?:system|operator|admin|developer) override\b`,
    String.raw`\bnew (?:task|rule|role|goal|objective)s?\s*:`,
    String.raw`\b(?:you are|you're) (?:now )?(?:a|an|the) [\w -]{0,30}(?:assistant|bot|agent) (?:for|of) \w+ now\b`,
  ].join("|")),
  "gi",
);

/** Markup that belongs to a model's context window, never to data. */
export const MARKUP = new RegExp(
  [
    String.raw`<\|(?:im_start|im_end|im_sep|system|user|assistant|endoftext|eot_id|start_header_id|end_header_id|begin_of_text)\|>`,
    String.raw`\[/?INST\]|<</?SYS>>`,
    String.raw`</?(?:system|system-reminder|system_prompt|tool_result|tool_use|function_results|function_calls|tool_call|tool_response|user_instructions|developer|antml:[a-z_]+)\b[^<>\n]{0,40}>`,
    String.raw`(?:^|\n)[ \t]*#{1,4}[ \t]*(?:System|Instructions?|Assistant|User|Human|Response)[ \t]*:?[ \t]*(?=\n|$)`,
    String.raw`(?:^|\n)[ \t]*\[?(?:SYSTEM|SYS|ADMIN|DEVELOPER|OPERATOR)\]?[ \t]*:`,
    String.raw`\[(?:SYSTEM|ADMIN|DEVELOPER|OPERATOR)\]`,
  ].join("|"),
  "g",
);

/** Chat-turn labels at line starts; only meaningful when they carry an order. */
export const TURN_MARKER = /(?:^|\n)[ \t]*(?:Human|User|Assistant)[ \t]*:/g;

/** Closing a tool-result frame can only be an attempt to break out of it. */
export const FRAME_BREAK = /<\/(?:tool_result|function_results|tool_response)>|<\|im_end\|>\s*<\|im_start\|>/i;
