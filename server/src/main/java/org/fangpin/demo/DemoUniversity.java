package org.fangpin.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.fangpin.ip.Inventions;
import org.fangpin.ip.IpMonitoring;
import org.fangpin.ip.IpTerms.CounterpartyKind;
import org.fangpin.ip.IpTerms.EvaluatorKind;
import org.fangpin.ip.IpTerms.FeeFunds;
import org.fangpin.ip.IpTerms.FeeKind;
import org.fangpin.ip.IpTerms.FilingDecision;
import org.fangpin.ip.IpTerms.Funding;
import org.fangpin.ip.IpTerms.LicenceKind;
import org.fangpin.ip.IpTerms.Ownership;
import org.fangpin.ip.IpTerms.PatentType;
import org.fangpin.ip.IpTerms.Payer;
import org.fangpin.ip.IpTerms.TransferForm;
import org.fangpin.ip.Patents;
import org.fangpin.ip.Universities;
import org.fangpin.security.UserAccounts;

/**
 * A university of the demo province and its IP office (user {@code university}): a tea-growing method disclosed,
 * evaluated, patented and licensed to a cooperative of the demo village (科技帮扶), its fees partly paid by the
 * inventors and the money received; a second invention given to its inventors to file, licensed by them; a third
 * waiting for its evaluation.
 */
final class DemoUniversity {

    private DemoUniversity() {}

    static final String USER = "university";
    static final String NAME = "华中农业大学（演示）";

    /**
     * Seeds the university and returns its office's new account (with its one-time password), or empty when the
     * account was there already (it is bound to the university).
     */
    static Optional<Universities.UserCreated> seed(
            Universities universities,
            UserAccounts accounts,
            Inventions inventions,
            Patents patents,
            IpMonitoring monitoring,
            LocalDate today) {
        Universities.University u = universities.create(
                new Universities.NewUniversity(NAME, null, DemoProjects.COUNTY.substring(0, 2) + "0000000000"));
        Optional<Universities.UserCreated> office = Optional.empty();
        if (!universities.attach(u.id(), USER)) {
            if (accounts.find(USER).isPresent()) {
                return office; // an account of that name with another role: the university goes without its office
            }
            office = Optional.of(
                    universities.addUser(u.id(), new Universities.NewUser(USER, "华中农业大学知识产权办公室（演示）", true)));
        }
        accounts.runAs(USER, () -> {
            LocalDate disclosed = today.minusYears(5).withDayOfMonth(1);
            Inventions.Disclosure tea = disclose(
                    inventions,
                    "一种茶树抗寒栽培方法（演示）",
                    disclosed,
                    List.of(inventor("张明", "T1001", "60"), inventor("李华", "T1002", "40")));
            evaluate(inventions, tea, disclosed.plusDays(12), FilingDecision.FILE, null);
            Patents.Patent p = patents.file(new Patents.NewPatent(
                    tea.id(),
                    "ZL" + disclosed.getYear() + "10123456.7",
                    PatentType.INVENTION,
                    disclosed.plusDays(30),
                    disclosed.plusYears(1).plusMonths(8),
                    Ownership.UNIVERSITY,
                    null,
                    new BigDecimal("70")));
            int v = patents.payFee(
                            p.id(),
                            p.version(),
                            fee(FeeKind.APPLICATION, disclosed.plusDays(30), "3450", Payer.UNIVERSITY, FeeFunds.FISCAL))
                    .patent()
                    .version();
            v = patents.payFee(
                            p.id(), v, fee(FeeKind.ANNUAL, today.minusYears(1), "1200", Payer.INVENTOR, FeeFunds.OWN))
                    .patent()
                    .version();
            Patents.Detail d = patents.transfer(
                    p.id(),
                    v,
                    new Patents.NewTransaction(
                            TransferForm.LICENCE,
                            LicenceKind.GENERAL,
                            "桃园村茶叶专业合作社（演示）",
                            CounterpartyKind.COOPERATIVE,
                            DemoProjects.VILLAGE,
                            today.minusMonths(14),
                            "HZAU-2025-017",
                            new BigDecimal("60000"),
                            new BigDecimal("800"),
                            "科技帮扶：免收入门费，按产量分期支付（演示）"));
            long deal = d.transactions().get(0).id();
            v = patents.receive(
                            p.id(),
                            deal,
                            d.patent().version(),
                            new Patents.NewReceipt(today.minusMonths(9), new BigDecimal("20000"), "首期"))
                    .patent()
                    .version();
            patents.receive(
                    p.id(), deal, v, new Patents.NewReceipt(today.minusMonths(3), new BigDecimal("25000"), "二期"));

            LocalDate second = today.minusYears(3);
            Inventions.Disclosure sensor =
                    disclose(inventions, "一种土壤墒情传感装置（演示）", second, List.of(inventor("王强", "T2001", "100")));
            evaluate(inventions, sensor, second.plusDays(20), FilingDecision.TRANSFER_TO_INVENTOR, "学校无实施计划，发明人有转化意向");
            Patents.Patent own = patents.file(new Patents.NewPatent(
                    sensor.id(),
                    "ZL" + second.getYear() + "20456789.1",
                    PatentType.UTILITY,
                    second.plusDays(45),
                    second.plusMonths(9),
                    Ownership.INVENTOR,
                    null,
                    new BigDecimal("80")));
            v = patents.payFee(
                            own.id(),
                            own.version(),
                            fee(FeeKind.APPLICATION, second.plusDays(45), "500", Payer.INVENTOR, FeeFunds.OWN))
                    .patent()
                    .version();
            Patents.Detail o = patents.transfer(
                    own.id(),
                    v,
                    new Patents.NewTransaction(
                            TransferForm.TRANSFER,
                            null,
                            "湖北某农业科技有限公司（演示）",
                            CounterpartyKind.ENTERPRISE,
                            null,
                            today.minusMonths(6),
                            "WQ-2026-03",
                            new BigDecimal("30000"),
                            BigDecimal.ZERO,
                            null));
            patents.receive(
                    own.id(),
                    o.transactions().get(0).id(),
                    o.patent().version(),
                    new Patents.NewReceipt(today.minusMonths(5), new BigDecimal("30000"), null));
            // last year's 转化 filed with CNIPA in March, as the office would have
            if (!monitoring.filingDeals(today.getYear() - 1).isEmpty()) {
                monitoring.prepareFiling(today.getYear() - 1);
            }

            disclose(
                    inventions,
                    "一种稻虾共作田间管理方法（演示）",
                    today.minusDays(20),
                    List.of(inventor("赵敏", "T3001", "50"), inventor("钱进", "T3002", "50")));
            return null;
        });
        return office;
    }

    private static Inventions.Inventor inventor(String name, String staff, String share) {
        return new Inventions.Inventor(name, staff, "植物科学技术学院", new BigDecimal(share));
    }

    private static Inventions.Disclosure disclose(
            Inventions inventions, String title, LocalDate on, List<Inventions.Inventor> inventors) {
        return inventions.disclose(new Inventions.NewDisclosure(
                title, "植物科学技术学院", Funding.FISCAL, false, on, false, "国家重点研发计划 2021YFD1600300（演示）", null, inventors));
    }

    private static void evaluate(
            Inventions inventions, Inventions.Disclosure d, LocalDate on, FilingDecision decision, String reason) {
        inventions.evaluate(
                d.id(),
                d.version(),
                new Inventions.NewEvaluation(
                        EvaluatorKind.INTERNAL,
                        "学校知识产权办公室",
                        on,
                        new BigDecimal("600"),
                        "检索未见相同技术方案",
                        "茶区、稻区需求稳定",
                        "可许可当地合作社实施",
                        decision,
                        "分管副校长",
                        reason,
                        null));
    }

    private static Patents.NewFee fee(FeeKind kind, LocalDate on, String amount, Payer payer, FeeFunds funds) {
        return new Patents.NewFee(kind, on, new BigDecimal(amount), payer, funds, null);
    }
}
