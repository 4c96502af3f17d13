/**
 * 高校知识产权 (issue 25; seed 000): a university's invention disclosures and the evaluation before filing ({@link
 * org.fangpin.ip.Inventions}), its patents with their fee ledger, 维持/放弃 decisions, 转化 deals and the income split
 * computed by the rules of 000:94–96 ({@link org.fangpin.ip.Patents}, {@link org.fangpin.ip.IncomeSplit}). A university
 * is an organisation, not a region ({@link org.fangpin.ip.Universities}): its users see only its own records. Nothing
 * here reads or changes households.
 */
@org.springframework.modulith.ApplicationModule(displayName = "IP 高校知识产权")
package org.fangpin.ip;
