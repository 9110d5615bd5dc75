/**
 * What the reply letter (政府信息公开申请答复书) says for each of the 21 outcome codes (ogi-rules.md §4): the
 * decision, the article it rests on, and whether information is provided. Art. 36–39 of the Regulations
 * (《中华人民共和国政府信息公开条例》, 《条例》 below); the remedies (Art. 51) are added for every outcome.
 */
import type { OutcomeCode } from '../model';

export interface ReplyDecision {
  /** The article(s), e.g. `《条例》第三十六条第（二）项`. */
  readonly article: string;
  /** The decision sentence, after `根据<article>的规定，`. */
  readonly decision: string;
  /** Whether information (all or part) is provided to the applicant. */
  readonly provides: boolean;
}

const withheld = (article: string, ground: string): ReplyDecision => ({
  article: `《条例》${article}、第三十六条第（三）项`,
  decision: `您所申请公开的信息${ground}，本机关决定不予公开。`,
  provides: false,
});

/**
 * The decision of every outcome code. Withholding cites its ground (Art. 14–16) together with Art. 36(3)
 * (告知不予公开并说明理由).
 * @example REPLY_DECISIONS['disclosed'].article // => '《条例》第三十六条第（二）项'
 */
export const REPLY_DECISIONS: Readonly<Record<OutcomeCode, ReplyDecision>> = {
  disclosed: {
    article: '《条例》第三十六条第（二）项',
    decision: '您所申请公开的信息属于可以公开的政府信息，本机关决定予以公开，向您提供该政府信息。',
    provides: true,
  },
  partially_disclosed: {
    article: '《条例》第三十七条',
    decision:
      '您所申请公开的信息中含有不应当公开或者不属于政府信息的内容，但能够作区分处理，本机关决定部分公开，向您提供可以公开的内容；不予公开的部分及其理由见下文。',
    provides: true,
  },
  'withheld.state_secret': withheld('第十四条', '属于依法确定为国家秘密的政府信息'),
  'withheld.prohibited_by_law': withheld('第十四条', '属于法律、行政法规禁止公开的政府信息'),
  'withheld.security_stability': withheld('第十四条', '公开后可能危及国家安全、公共安全、经济安全、社会稳定'),
  'withheld.third_party_rights': withheld(
    '第十五条、第三十二条',
    '涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，且第三方不同意公开',
  ),
  'withheld.internal_affairs': withheld('第十六条第一款', '属于人事管理、后勤管理、内部工作流程等方面的内部事务信息'),
  'withheld.process_information': withheld(
    '第十六条第二款',
    '属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息',
  ),
  'withheld.enforcement_file': withheld('第十六条第二款', '属于行政执法案卷信息'),
  'withheld.administrative_inquiry': {
    article: '《条例》第三十六条第（七）项',
    decision:
      '您所申请的信息属于行政查询事项，有关法律、行政法规对信息的获取有特别规定，请依照有关法律、行政法规的规定办理，本机关不作为政府信息公开申请提供。',
    provides: false,
  },
  'unavailable.not_held': {
    article: '《条例》第三十六条第（四）项、第（五）项',
    decision:
      '经检索，本机关未制作或者获取您所申请公开的信息，该政府信息不存在；如该信息由其他行政机关负责公开，请向该机关申请。',
    provides: false,
  },
  'unavailable.needs_compilation': {
    article: '《条例》第三十八条',
    decision:
      '本机关向申请人提供的信息应当是已制作或者获取的政府信息；您所申请的信息需要本机关对现有政府信息进行加工、分析或者另行制作，本机关不予提供。',
    provides: false,
  },
  'unavailable.still_unclear': {
    article: '《条例》第三十条',
    decision: '您补正后的申请内容仍不明确，本机关无法确定您所需要的政府信息，无法提供。',
    provides: false,
  },
  'not_processed.petition': {
    article: '《条例》第三十九条第一款',
    decision:
      '您以政府信息公开申请的形式提出信访、投诉、举报等事项，本机关不作为政府信息公开申请处理，请通过信访、投诉、举报等相应渠道提出。',
    provides: false,
  },
  'not_processed.duplicate': {
    article: '《条例》第三十六条第（六）项',
    decision: '本机关已就您提出的政府信息公开申请作出答复，您重复申请公开相同政府信息，本机关不予重复处理。',
    provides: false,
  },
  'not_processed.publication': {
    article: '《条例》第三十九条第二款',
    decision:
      '您申请的内容为政府公报、报刊、书籍等公开出版物，本机关不作为政府信息公开申请处理，您可以通过公开发行渠道或者图书馆、档案馆等场所获取。',
    provides: false,
  },
  'not_processed.excessive': {
    article: '《条例》第三十五条',
    decision: '您申请公开政府信息的数量、频次明显超过合理范围，且申请理由不合理，本机关不予处理。',
    provides: false,
  },
  'not_processed.confirmation': {
    article: '《条例》第二条、第三十八条',
    decision:
      '您要求本机关确认或者重新出具已获取的信息，不属于申请公开已制作或者获取的政府信息，本机关不作为政府信息公开申请处理。',
    provides: false,
  },
  'other.supplement_overdue': {
    article: '《条例》第三十条',
    decision: '您无正当理由逾期未补正申请，视为放弃申请，本机关不再处理该政府信息公开申请。',
    provides: false,
  },
  'other.fee_unpaid': {
    article: '《政府信息公开信息处理费管理办法》第七条',
    decision: '您逾期未按收费通知的要求缴纳信息处理费，视为放弃申请，本机关不再处理该政府信息公开申请。',
    provides: false,
  },
  'other.other': {
    article: '《条例》第三十六条',
    decision: '本机关对您的申请作出如下处理。',
    provides: false,
  },
};

/** Art. 51 with 《行政复议法》 Art. 20 (60 days) and 《行政诉讼法》 Art. 46 (6 months). */
export const REVIEW_PERIOD_TEXT = '六十日';
export const LITIGATION_PERIOD_TEXT = '六个月';
