/**
 * Exfiltration shapes: commands that ship secrets off the machine, sentences that ask for a secret to
 * be sent somewhere, and URLs with a slot for data the agent holds. Ordinary API docs are full of
 * `?key=YOUR_API_KEY` and `curl -d @payload.json`; what separates exfiltration is *what* goes into the
 * request (credential files, the environment, the conversation) and whether an AI is asked to fill it.
 */
import { SENSITIVE } from "./patterns.ts";

const SECRET_FILE = String.raw`(?:\.env\b|\.ssh\b|id_rsa|id_ed25519|\.aws\b|credentials|\.npmrc|\.netrc|\.pypirc|\.git-credentials|\.docker\b|kubeconfig|\.kube\b|\.gnupg)`;

/** Commands whose effect is sending secrets out; each is an exfiltration recipe whoever types it. */
export const EXFIL_COMMAND = new RegExp(
  [
    String.raw`\b(?:curl|wget|http|xh)\b[^\n|;]{0,200}?\s(?:-d|--data(?:-binary|-raw|-urlencode|-ascii)?|-F|--form|-T|--upload-file|--post-file|--body-file)[\s=]*['"]?(?:\w+=)?@?['"]?(?:[~$\w{}()/.-]*/)?[~$\w{}().-]*${SECRET_FILE}`,
    String.raw`\b(?:env|printenv|export -p)\s*\|(?:[^\n|]*\|){0,3}\s*(?:curl|wget|nc|ncat|netcat)\b`,
    String.raw`\b(?:cat|tar|zip|base64|gzip)\b[^\n|]{0,80}${SECRET_FILE}[^\n|]*\|[^\n]{0,80}?\b(?:curl|wget|nc|ncat|scp)\b`,
    String.raw`\b(?:curl|wget)\b[^\n]{0,200}\$\((?:env|printenv|cat\s[^)]*${SECRET_FILE})`,
    String.raw`(?:\.get|\bfetch|\burlopen|\brequests\.(?:get|post|put)|\baxios\.\w+)\s*\([^\n]{0,200}?(?:JSON\.stringify\(\s*process\.env\s*\)|\+\s*(?:process\.env\.\w*(?:KEY|TOKEN|SECRET|PASS)\w*|os\.environ(?:\.get)?\s*[[(]\s*['"]\w*(?:KEY|TOKEN|SECRET|PASS)\w*)|open\(\s*['"][^'"]*${SECRET_FILE}[^'"]*['"]\s*\)\.read\(\))`,
    String.raw`\bgit push\s+(?:-\S+\s+)*https?://\S*(?:\$\{?\w*(?:TOKEN|KEY|SECRET|PASS)\w*\}?|x-access-token|oauth2:)`,
  ].join("|"),
  "gi",
);

/** Where stolen data goes: an address, or a drop a human reader would not be sent to. */
const DESTINATION = String.raw`https?://|[\w.+-]+@[\w-]+\.|(?:a\s+)?(?:public\s+)?(?:pastebin|paste\s+site|gist|webhook|discord|telegram)|(?:my|our|this|the\s+following|an?\s+external)\s+(?:server|endpoint|address|url|webhook|e-?mail|inbox)`;
const SEND = String.raw`(?:send|sending|sends|upload|uploading|e-?mail|emailing|mail|forward|forwarding|post|posting|transmit|exfiltrate|leak|share|paste|submit|export|include|append|attach)`;
const NOT_SENTENCE_END = String.raw`(?:(?!\.\s)[^\n!?])`;

/** "send <secret> to <address>" inside one sentence. */
export const SEND_SECRET = new RegExp(
  String.raw`\b${SEND}\b${NOT_SENTENCE_END}{0,100}?${SENSITIVE}${NOT_SENTENCE_END}{0,120}?\b(?:to|into|via)\s+(?:${DESTINATION})`,
  "gi",
);

export const NEGATED = /\b(?:never|not|no one|nobody|won't|don't|doesn't|can't|cannot)\b[^.\n]{0,40}$/i;

/** URLs, allowing template slots ({x}, <x>, [X], $(cmd)) that would otherwise end the match. */
export const URL = /https?:\/\/(?:[^\s<>"'`()[\]{}|\\^]|\{\{?[^{}\n]{1,80}\}\}?|<[A-Za-z_ -]{1,40}>|\[[A-Za-z_ ]{1,40}\]|\$\([^()\n]{1,80}\))+/g;

const PLACEHOLDER = /\{\{?\s*([^{}]+?)\s*\}\}?|<([A-Za-z_ -]+)>|\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?|\[([A-Za-z_ ]{2,40})\]|%7B(.+?)%7D/gi;
const DATA_NAME = /secret|token|key|pass|cred|env|cookie|session|conversation|history|chat|summary|transcript|prompt|memory|context|data|email|user|name|address|file|content|info|message|ssh|auth/i;
/** Things only the agent holds, or secrets in bulk: no vendor's docs ask a reader to put these in a URL. */
const AGENT_ONLY = /conversation|history|chat|summary|transcript|prompt|memory|context|secrets|base64|the user's|\bkeys\b/i;
const CMD_SUBST = /\$\((?:git config|whoami|hostname|env|printenv|cat|id)\b[^)]*\)/;

export interface UrlSlots {
  /** Placeholder names that ask for data (secrets, conversation, user details). */
  dataSlots: string[];
  agentOnly: boolean;
  commandSubstitution: boolean;
  emptyTrailingParam: boolean;
}

export function urlSlots(url: string): UrlSlots {
  const dataSlots: string[] = [];
  PLACEHOLDER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PLACEHOLDER.exec(url))) {
    const name = m.slice(1).find((g) => g !== undefined) ?? "";
    if (DATA_NAME.test(name)) dataSlots.push(name);
  }
  return {
    dataSlots,
    agentOnly: dataSlots.some((n) => AGENT_ONLY.test(n)),
    commandSubstitution: CMD_SUBST.test(url),
    emptyTrailingParam: /[?&][\w-]+=$/.test(url),
  };
}

/** True when the URL at `start` is the source of a markdown image or an <img>: renderers fetch it unasked. */
export function isImageSource(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 300), start);
  return /!\[[^\]\n]{0,200}\]\(\s*<?$/.test(before) || /<img\b[^>]*\bsrc\s*=\s*["']?$/i.test(before);
}

export const FILL_IN = /\b(?:append|add|attach|include|put|insert|concatenat\w*|fill(?:ed)? in|followed by)\b/i;
