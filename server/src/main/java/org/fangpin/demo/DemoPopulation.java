package org.fangpin.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.SplittableRandom;
import org.fangpin.registry.HouseholdColumn;
import org.fangpin.registry.IdNumber;

/**
 * Generates a synthetic population — never real people — from a seed: the same seed and size give the same files.
 * Households of 1–8 persons, an ageing rural age pyramid, incomes with a long tail, ~5% chronic illness, disability
 * with grades, school-age children (a few dropouts), housing grades A–D, migrant workers. ID numbers carry valid
 * GB 11643 check digits and the county's real-format prefix.
 *
 * <p>Regions: one province (湖北省 42), one city (黄冈市 4211) and {@code counties} counties starting at 421122, each with
 * about 15 townships of 20 villages, sized so that {@code persons} fit.
 */
public final class DemoPopulation {

    /** What to generate. */
    public record Spec(long persons, long seed, LocalDate asOf) {
        public static Spec of(long persons, long seed) {
            return new Spec(persons, seed, LocalDate.of(2026, 6, 30));
        }
    }

    /** Where the files went and how much was written. */
    public record Result(Path regionsCsv, Path householdsCsv, long regions, long households, long persons) {}

    static final int TOWNSHIPS_PER_COUNTY = 15;
    static final int VILLAGES_PER_TOWNSHIP = 20;
    static final int PERSONS_PER_COUNTY = 100_000;

    private static final String[] SURNAMES = {
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
        "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡"
    };
    private static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥建国建华志强春梅小红海燕文学德胜光辉永福金凤淑珍";
    private static final String[] TOWNSHIP_NAMES = {
        "城关镇", "八里湾镇", "永佳河镇", "杏花乡", "七里坪镇", "华家河镇", "二程镇", "上新集镇", "高桥镇", "觅儿寺镇",
        "火连畈茶场", "太平桥镇", "新集镇", "桃花镇", "长岭镇", "朱河镇", "大悟镇", "金盆镇", "松林镇", "双河镇"
    };
    private static final String[] VILLAGE_SUFFIX = {"村", "湾村", "岗村", "畈村", "冲村", "河村", "铺村", "山村"};
    private static final String[] VILLAGE_WORDS = {
        "桃园", "柳林", "石桥", "杨家", "王家", "新庄", "东河", "西湾", "南岗", "北冲", "白果", "红星", "胜利", "光明", "团结",
        "和平", "长春", "大屋", "小河", "龙井", "凤凰", "青山", "绿水", "金鸡", "银杏", "竹林", "枫树", "松树", "茶园", "稻香"
    };
    private static final String[] WORK_PLACES = {"武汉市", "广东省深圳市", "广东省东莞市", "浙江省杭州市", "上海市", "江苏省苏州市", "黄冈市", "本县城"};

    private DemoPopulation() {}

    public static Result write(Spec spec, Path dir) {
        try {
            Files.createDirectories(dir);
            int counties = (int) Math.max(1, (spec.persons() + PERSONS_PER_COUNTY - 1) / PERSONS_PER_COUNTY);
            Path regions = dir.resolve("regions.csv");
            Path households = dir.resolve("households.csv");
            List<String> villages = new ArrayList<>();
            long regionCount = writeRegions(regions, counties, villages);
            long[] counts = writeHouseholds(households, spec, villages);
            return new Result(regions, households, regionCount, counts[0], counts[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counties per city: 421122 … 421199 under 黄冈市, then the next city's (a province of 10 M has 100 counties). */
    static final int COUNTIES_PER_CITY = 78;

    static String countyCode(int i) {
        return cityCode(i).substring(0, 4) + String.format("%02d", 22 + i % COUNTIES_PER_CITY) + "000000";
    }

    private static String cityCode(int county) {
        return "42" + String.format("%02d", 11 + county / COUNTIES_PER_CITY) + "00000000";
    }

    private static long writeRegions(Path file, int counties, List<String> villages) throws IOException {
        long n = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("code,name,parent_code,level\n");
            w.write("420000000000,湖北省,,1\n");
            n++;
            for (int c = 0; c < counties; c++) {
                String city = cityCode(c);
                if (c % COUNTIES_PER_CITY == 0) {
                    w.write(city + "," + (c == 0 ? "黄冈市" : "示范" + (c / COUNTIES_PER_CITY + 1) + "市")
                            + ",420000000000,2\n");
                    n++;
                }
                String county = countyCode(c);
                String countyName = c == 0 ? "红安县" : "示范" + (c + 1) + "县";
                w.write(county + "," + countyName + "," + city + ",3\n");
                n++;
                for (int t = 0; t < TOWNSHIPS_PER_COUNTY; t++) {
                    String township = county.substring(0, 6) + String.format("%03d", 100 + t) + "000";
                    w.write(township + "," + TOWNSHIP_NAMES[t % TOWNSHIP_NAMES.length] + "," + county + ",4\n");
                    n++;
                    for (int v = 0; v < VILLAGES_PER_TOWNSHIP; v++) {
                        String village = township.substring(0, 9) + String.format("%03d", 201 + v);
                        String name = VILLAGE_WORDS[(t * 7 + v) % VILLAGE_WORDS.length]
                                + VILLAGE_SUFFIX[(t + v) % VILLAGE_SUFFIX.length];
                        w.write(village + "," + name + "," + township + ",5\n");
                        villages.add(village);
                        n++;
                    }
                }
            }
        }
        return n;
    }

    private static long[] writeHouseholds(Path file, Spec spec, List<String> villages) throws IOException {
        SplittableRandom rnd = new SplittableRandom(spec.seed());
        IdAllocator ids = new IdAllocator();
        long persons = 0;
        long households = 0;
        int villagesPerCounty = TOWNSHIPS_PER_COUNTY * VILLAGES_PER_TOWNSHIP;
        try (BufferedWriter w = Files.newBufferedWriter(
                file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
            StringBuilder sb = new StringBuilder(1 << 16);
            for (HouseholdColumn c : HouseholdColumn.written()) {
                if (c.ordinal() > 0) {
                    sb.append(',');
                }
                sb.append(c.header());
            }
            sb.append('\n');
            while (persons < spec.persons()) {
                int size = (int) Math.min(householdSize(rnd), spec.persons() - persons);
                // fill counties in turn so each holds about PERSONS_PER_COUNTY persons
                int county = (int) Math.min(persons / PERSONS_PER_COUNTY, villages.size() / villagesPerCounty - 1);
                String village = villages.get(county * villagesPerCounty + rnd.nextInt(villagesPerCounty));
                households++;
                HouseholdGen.write(sb, rnd, ids, spec.asOf(), village, households, size);
                persons += size;
                if (sb.length() > (1 << 16) - 4096) {
                    w.append(sb);
                    sb.setLength(0);
                }
            }
            w.append(sb);
        }
        return new long[] {households, persons};
    }

    static int householdSize(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double[] cumulative = {0.12, 0.34, 0.56, 0.76, 0.89, 0.96, 0.99, 1.0};
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                return i + 1;
            }
        }
        return 8;
    }

    /** Hands out unique, valid ID numbers: sequence numbers per (county, birth date, sex). */
    static final class IdAllocator {
        private final HashMap<String, int[]> next = new HashMap<>();

        String allocate(String countyPrefix, LocalDate birth, boolean male) {
            String key = countyPrefix + birth;
            int[] seq = next.computeIfAbsent(key, k -> new int[] {1, 0});
            int n = male ? seq[0] : seq[1];
            if (male) {
                seq[0] += 2;
            } else {
                seq[1] += 2;
            }
            if (n > 999) {
                // this date is exhausted in this county: borrow the neighbouring county code's sequence space
                return allocate(String.valueOf(Integer.parseInt(countyPrefix) + 50), birth, male);
            }
            String first17 = countyPrefix
                    + String.format(
                            "%04d%02d%02d%03d", birth.getYear(), birth.getMonthValue(), birth.getDayOfMonth(), n);
            return first17 + IdNumber.checkChar(first17);
        }
    }

    /** One household's rows. */
    static final class HouseholdGen {
        private HouseholdGen() {}

        static void write(
                StringBuilder sb,
                SplittableRandom rnd,
                IdAllocator ids,
                LocalDate asOf,
                String village,
                long seq,
                int size) {
            String householdNo = village + String.format("%05d", seq % 100000) + "-" + (seq / 100000);
            String surname = SURNAMES[rnd.nextInt(SURNAMES.length)];
            // who it is: about half 脱贫户 (a tenth of them relocated, 易地扶贫搬迁), the rest 一般农户; monitoring: a
            // few monitored, some with their risk eliminated, the category following from who the household is
            double s = rnd.nextDouble();
            boolean exited;
            String state = "未纳入监测";
            String category = "";
            String since = "";
            String causes = "";
            String eliminatedOn = "";
            String kind = "";
            String[] all = {"因病", "因残", "因学", "因灾", "因意外事故", "因产业失败", "因务工就业不稳", "缺劳动力"};
            if (s < 0.50) {
                exited = true;
            } else if (s < 0.535) {
                state = "监测对象";
                double c = rnd.nextDouble();
                exited = c < 0.4 || (c >= 0.85 && rnd.nextBoolean());
                category = c < 0.4 ? "脱贫不稳定户" : c < 0.85 ? "边缘易致贫户" : "突发严重困难户";
                since = asOf.minusDays(30 + rnd.nextInt(900)).toString();
                causes = all[rnd.nextInt(all.length)];
                if (rnd.nextDouble() < 0.3) {
                    String second = all[rnd.nextInt(all.length)];
                    if (!second.equals(causes)) {
                        causes = causes + "、" + second;
                    }
                }
            } else if (s < 0.555) {
                state = "风险已消除";
                exited = rnd.nextBoolean();
                category = exited ? "脱贫不稳定户" : "边缘易致贫户";
                LocalDate included = asOf.minusDays(400 + rnd.nextInt(800));
                since = included.toString();
                eliminatedOn = included.plusDays(180 + rnd.nextInt(200)).toString();
                kind = rnd.nextDouble() < 0.85 ? "帮扶后消除" : "风险自然消失";
                causes = all[rnd.nextInt(all.length)];
            } else {
                exited = false;
            }
            String identity = exited ? "脱贫户" : "一般农户";
            String exitYear = exited ? String.valueOf(2014 + rnd.nextInt(7)) : "";
            String flags = exited && rnd.nextDouble() < 0.1 ? "易地扶贫搬迁户" : "";
            double g = rnd.nextDouble();
            String grade = g < 0.60 ? "A" : g < 0.95 ? "B" : g < 0.99 ? "C" : "D";
            String water = rnd.nextDouble() < 0.985 ? "是" : "否";
            // per-capita net income: log-normal, median ≈ 13,000 yuan, long upper tail
            double perCapita = Math.exp(Math.log(13000) + 0.55 * gaussian(rnd));
            if (state.equals("监测对象")) {
                perCapita *= 0.55;
            }
            double total = perCapita * size;
            double wageShare = 0.45 + 0.35 * rnd.nextDouble();
            double wage = total * wageShare;
            double production = total * (1 - wageShare) * 0.7;
            double transfer = total * (1 - wageShare) * 0.25;
            double property = total * (1 - wageShare) * 0.05;
            double cost = production * (0.2 + 0.2 * rnd.nextDouble());
            production += cost;
            String address = "湖北省黄冈市" + (village.hashCode() & 0xff) + "组" + (1 + rnd.nextInt(60)) + "号";
            String household =
                    householdNo + "," + village + "," + address + "," + identity + "," + flags + "," + exitYear
                            + "," + state + "," + category + "," + since + "," + causes + "," + eliminatedOn + ","
                            + kind + "," + grade + "," + water + ",2025," + money(wage) + ","
                            + money(production) + ","
                            + money(property) + "," + money(transfer) + "," + money(cost) + ",";
            String countyPrefix = village.substring(0, 6);
            int headAge = 25 + (int) Math.min(60, Math.abs(gaussian(rnd) * 14 + 30));
            boolean headMale = rnd.nextDouble() < 0.85;
            int members = 0;
            members += person(sb, rnd, ids, asOf, household, countyPrefix, surname, "户主", headAge, headMale);
            if (size >= 2 && members < size) {
                int age = Math.max(20, headAge + rnd.nextInt(-5, 6));
                members += person(
                        sb,
                        rnd,
                        ids,
                        asOf,
                        household,
                        countyPrefix,
                        headMale ? randomSurname(rnd) : surname,
                        "配偶",
                        age,
                        !headMale);
            }
            int childBase = Math.max(0, headAge - 24);
            while (members < size) {
                int remaining = size - members;
                if (remaining >= 1 && headAge < 55 && members == size - 1 && size >= 5 && rnd.nextBoolean()) {
                    members += person(
                            sb,
                            rnd,
                            ids,
                            asOf,
                            household,
                            countyPrefix,
                            surname,
                            "之父母",
                            headAge + 25 + rnd.nextInt(8),
                            rnd.nextBoolean());
                    continue;
                }
                int age = childBase > 0
                        ? Math.max(0, childBase - rnd.nextInt(0, Math.max(1, Math.min(childBase, 16))))
                        : rnd.nextInt(0, 10);
                boolean male = rnd.nextBoolean();
                if (age >= 22 && remaining >= 2 && rnd.nextDouble() < 0.5) {
                    members +=
                            person(sb, rnd, ids, asOf, household, countyPrefix, surname, male ? "之子" : "之女", age, male);
                    members += person(
                            sb,
                            rnd,
                            ids,
                            asOf,
                            household,
                            countyPrefix,
                            male ? randomSurname(rnd) : surname,
                            male ? "之儿媳" : "之女婿",
                            age + rnd.nextInt(-2, 3),
                            !male);
                } else if (headAge > 55 && rnd.nextDouble() < 0.4) {
                    members += person(
                            sb, rnd, ids, asOf, household, countyPrefix, surname, "之孙子女", rnd.nextInt(0, 16), male);
                } else {
                    members +=
                            person(sb, rnd, ids, asOf, household, countyPrefix, surname, male ? "之子" : "之女", age, male);
                }
            }
        }

        private static String randomSurname(SplittableRandom rnd) {
            return SURNAMES[rnd.nextInt(SURNAMES.length)];
        }

        private static int person(
                StringBuilder sb,
                SplittableRandom rnd,
                IdAllocator ids,
                LocalDate asOf,
                String household,
                String countyPrefix,
                String surname,
                String relation,
                int age,
                boolean male) {
            age = Math.max(0, Math.min(age, 100));
            LocalDate birth = asOf.minusYears(age).minusDays(rnd.nextInt(365));
            String id = ids.allocate(countyPrefix, birth, male);
            String name = surname
                    + GIVEN.charAt(rnd.nextInt(GIVEN.length()))
                    + (rnd.nextDouble() < 0.7 ? String.valueOf(GIVEN.charAt(rnd.nextInt(GIVEN.length()))) : "");
            String phone = age >= 18 && rnd.nextDouble() < 0.8
                    ? "1" + (3 + rnd.nextInt(7)) + String.format("%09d", rnd.nextInt(1_000_000_000))
                    : "";
            String ethnicity = rnd.nextDouble() < 0.96 ? "汉族" : "土家族";
            // health: ~5% chronic, ~1% serious illness, ~3% disabled (more in old age)
            double h = rnd.nextDouble() * (age > 60 ? 0.6 : 1.0);
            String health = h < 0.03 ? "残疾" : h < 0.04 ? "患有大病" : h < 0.09 ? "长期慢性病" : "健康";
            String grade = health.equals("残疾") ? String.valueOf(1 + rnd.nextInt(4)) : "";
            String education;
            String school = "非在校生";
            if (age < 6) {
                education = "学龄前儿童";
                school = age >= 3 ? "学前教育" : "非在校生";
            } else if (age <= 15) {
                education = age <= 12 ? "小学" : "初中";
                school = rnd.nextDouble() < 0.003 ? "辍学" : age <= 12 ? "小学" : "初中";
            } else if (age <= 18 && rnd.nextDouble() < 0.8) {
                education = "初中";
                school = rnd.nextBoolean() ? "普通高中" : "中职";
            } else if (age <= 22 && rnd.nextDouble() < 0.4) {
                education = "高中";
                school = rnd.nextBoolean() ? "本科及以上" : "高职";
            } else {
                double e = rnd.nextDouble();
                education = age > 60
                        ? (e < 0.35 ? "文盲或半文盲" : e < 0.8 ? "小学" : "初中")
                        : (e < 0.05
                                ? "文盲或半文盲"
                                : e < 0.3 ? "小学" : e < 0.75 ? "初中" : e < 0.92 ? "高中" : e < 0.96 ? "中专" : "大专及以上");
            }
            String labour;
            String work = "未务工";
            String workPlace = "";
            String months = "";
            boolean inSchool = !school.equals("非在校生") && !school.equals("辍学");
            if (age < 16 || inSchool) {
                labour = "无劳动力";
            } else if (health.equals("残疾") && grade.compareTo("2") <= 0 || health.equals("患有大病")) {
                labour = "丧失劳动力";
            } else if (age > 65) {
                labour = rnd.nextDouble() < 0.5 ? "弱劳动力或半劳动力" : "无劳动力";
            } else {
                labour = rnd.nextDouble() < 0.12 ? "技能劳动力" : health.equals("健康") ? "普通劳动力" : "弱劳动力或半劳动力";
                if (age <= 60 && rnd.nextDouble() < 0.55) {
                    double p = rnd.nextDouble();
                    work = p < 0.15 ? "乡镇内务工" : p < 0.35 ? "乡镇外县内务工" : p < 0.6 ? "县外省内务工" : "省外务工";
                    workPlace = WORK_PLACES[rnd.nextInt(WORK_PLACES.length)];
                    months = String.valueOf(3 + rnd.nextInt(10));
                }
            }
            String medical = rnd.nextDouble() < 0.995 ? "是" : "否";
            String pension = age >= 16 && !inSchool && rnd.nextDouble() < 0.93 ? "是" : "否";
            String dibao = rnd.nextDouble() < (health.equals("健康") ? 0.04 : 0.25) ? "是" : "否";
            String tekun = age > 60 && rnd.nextDouble() < 0.02 ? "是" : "否";
            String subsidy = health.equals("残疾") && rnd.nextDouble() < 0.8 ? "是" : "否";
            sb.append(household)
                    .append(name)
                    .append(',')
                    .append(id)
                    .append(',')
                    .append(relation)
                    .append(',')
                    .append(phone)
                    .append(',')
                    .append(ethnicity)
                    .append(',')
                    .append(education)
                    .append(',')
                    .append(school)
                    .append(',')
                    .append(health)
                    .append(',')
                    .append(grade)
                    .append(',')
                    .append(labour)
                    .append(',')
                    .append(work)
                    .append(',')
                    .append(workPlace)
                    .append(',')
                    .append(months)
                    .append(',')
                    .append(medical)
                    .append(',')
                    .append(pension)
                    .append(',')
                    .append(dibao)
                    .append(',')
                    .append(tekun)
                    .append(',')
                    .append(subsidy)
                    .append('\n');
            return 1;
        }

        private static double gaussian(SplittableRandom rnd) {
            // Box–Muller; SplittableRandom has no nextGaussian on Java 17
            double u1 = 1.0 - rnd.nextDouble();
            double u2 = rnd.nextDouble();
            return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        }

        private static String money(double v) {
            return String.format("%.2f", Math.max(0, v));
        }
    }

    private static final String[] PROVINCES = {
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43",
        "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"
    };

    /**
     * A synthetic national tree of the real size: 31 provinces, 341 cities, 3,069 counties, 40,920 townships and
     * 613,800 villages (658,161 regions), with codes of the real shape. Returns the number of regions written.
     */
    public static long writeNationalRegions(Path file) {
        long n = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("code,name,parent_code,level\n");
            for (String p : PROVINCES) {
                String prov = p + "0000000000";
                w.write(prov + ",省" + p + ",,1\n");
                n++;
                for (int c = 1; c <= 11; c++) {
                    String city = p + String.format("%02d", c) + "00000000";
                    w.write(city + ",市" + p + c + "," + prov + ",2\n");
                    n++;
                    for (int k = 1; k <= 9; k++) {
                        String county = city.substring(0, 4) + String.format("%02d", k) + "000000";
                        w.write(county + ",县" + county.substring(0, 6) + "," + city + ",3\n");
                        n++;
                        for (int t = 1; t <= 13 + (k % 3 == 0 ? 1 : 0); t++) {
                            String township = county.substring(0, 6) + String.format("%03d", 100 + t) + "000";
                            w.write(township + ",乡" + township.substring(0, 9) + "," + county + ",4\n");
                            n++;
                            for (int v = 1; v <= 15; v++) {
                                String village = township.substring(0, 9) + String.format("%03d", 200 + v);
                                w.write(village + ",村" + village + "," + township + ",5\n");
                                n++;
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }

    /** Converts the household CSV to Parquet with DuckDB (for the columnar batch engine and benchmarks). */
    public static void toParquet(Path csv, Path parquet) {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = c.createStatement()) {
            st.execute("copy (select * from read_csv('"
                    + csv.toAbsolutePath().toString().replace("'", "''")
                    + "', header = true, all_varchar = true)) to '"
                    + parquet.toAbsolutePath().toString().replace("'", "''") + "' (format parquet, compression zstd)");
        } catch (SQLException e) {
            throw new IllegalStateException("parquet conversion failed: " + e.getMessage(), e);
        }
    }
}
