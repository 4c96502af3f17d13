package org.fangpin.assessment;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.fangpin.common.events.AuditableChange;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.registry.RegistryLedgers;
import org.fangpin.security.Actor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * 抽查 draws: the households of a region as they stood on a day, in strata of township × 户属性 × 监测状态 (so that
 * 一般农户 are drawn too, for 漏评), a share of each stratum ({@code sample_fraction}, at least {@code
 * sample_min_per_stratum}; policy parameters) or a fixed number from each, drawn by {@link Sampling} and kept as
 * made. Anyone with the frame and the seed draws the same households (ADR 0022).
 */
@Service
public class SampleDraws {

    /** What to draw: a region, the frame's day (none: today), a seed, and either a share or a number per stratum. */
    public record SampleRequest(
            String region, LocalDate asOf, String seed, BigDecimal fraction, Integer minimum, Integer perStratum) {}

    /** One stratum: its key (township/户属性/监测状态), how many households it held, how many were drawn. */
    public record SampleStratum(String key, int households, int drawn) {}

    /** One household drawn: its stratum and its place in the stratum's order (1: first). */
    public record SampledHousehold(long householdId, String villageCode, String stratum, int rank) {}

    /** A draw as made, with its households when read one by one. */
    public record SampleDraw(
            long id,
            String region,
            LocalDate asOf,
            String seed,
            BigDecimal fraction,
            Integer minimum,
            Integer perStratum,
            String frameHash,
            int frameSize,
            List<SampleStratum> strata,
            String drawnBy,
            Instant drawnAt,
            List<SampledHousehold> households) {}

    private static final int MAX_PER_STRATUM = 10_000;

    /** Memory for the frame's sort, for the draw's transaction only (3.3 million households sort in about 200 MB). */
    static final String SORT_MEMORY = "256MB";

    private final JdbcClient jdbc;
    /** For the frame streamed through a server-side cursor, and the draw's insert. */
    private final NamedParameterJdbcTemplate streaming;

    private final RegionDirectory regions;
    private final DataScope dataScope;
    private final PolicyParameters parameters;
    private final Actor.Current actor;
    private final ApplicationEventPublisher events;
    private final Messages messages;
    private final JsonMapper json;
    private final Clock clock;

    SampleDraws(
            JdbcClient jdbc,
            DataSource dataSource,
            RegionDirectory regions,
            DataScope dataScope,
            PolicyParameters parameters,
            Actor.Current actor,
            ApplicationEventPublisher events,
            Messages messages,
            JsonMapper json,
            Clock clock) {
        this.jdbc = jdbc;
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setFetchSize(10_000);
        this.streaming = new NamedParameterJdbcTemplate(template);
        this.regions = regions;
        this.dataScope = dataScope;
        this.parameters = parameters;
        this.actor = actor;
        this.events = events;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The frame with each household's stratum: its township, 户属性 and 监测状态 (e.g.
     * {@code 421122100000/EXITED/MONITORED}). Binds {@code :low}, {@code :high}, {@code :asOf}.
     */
    static final String FRAME = "select f.household_id, f.village_code, f.identity, f.monitoring_state,"
            + " substr(f.village_code, 1, 9) || '000/' || f.identity || '/' || f.monitoring_state as stratum from ("
            + RegistryLedgers.FRAME + ") f";

    /** Draws and keeps a sample, from one pass over the frame (the fingerprint and the draw of the same rows). */
    @Transactional
    public SampleDraw draw(SampleRequest r) {
        LocalDate today = LocalDate.now(clock);
        LocalDate asOf = r.asOf() == null ? today : r.asOf();
        List<FieldProblem> problems = new ArrayList<>();
        if (r.seed() == null || r.seed().isBlank() || r.seed().length() > 200) {
            problems.add(FieldProblem.of("seed", messages.get("assessment.sample.seed")));
        }
        if (asOf.isAfter(today)) {
            problems.add(FieldProblem.of("asOf", messages.get("assessment.sample.future")));
        }
        if (r.perStratum() != null && (r.fraction() != null || r.minimum() != null)) {
            problems.add(FieldProblem.of("perStratum", messages.get("assessment.sample.either")));
        }
        if (r.perStratum() != null && (r.perStratum() < 1 || r.perStratum() > MAX_PER_STRATUM)) {
            problems.add(FieldProblem.of(
                    "perStratum", messages.get("assessment.sample.per-stratum", Messages.count(MAX_PER_STRATUM))));
        }
        if (r.fraction() != null && (r.fraction().signum() <= 0 || r.fraction().compareTo(BigDecimal.ONE) > 0)) {
            problems.add(FieldProblem.of("fraction", messages.get("assessment.sample.fraction")));
        }
        if (r.minimum() != null && (r.minimum() < 0 || r.minimum() > MAX_PER_STRATUM)) {
            problems.add(FieldProblem.of(
                    "minimum", messages.get("assessment.sample.minimum", Messages.count(MAX_PER_STRATUM))));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        // none named: the caller's own region
        Region region = r.region() == null
                ? dataScope.current().home().orElse(null)
                : regions.find(r.region()).orElse(null);
        if (region != null && !dataScope.current().covers(region.code())) {
            // an ancestor of the caller's region narrows to the caller's own: the draw is of what it reaches
            region = dataScope
                    .current()
                    .within(region)
                    .flatMap(x -> dataScope.current().home())
                    .orElse(null);
        }
        RegionCode.CodeRange range =
                region == null ? null : dataScope.current().within(region).orElse(null);
        if (range == null) {
            throw ApiException.notFound("assessment.sample.region", String.valueOf(r.region()));
        }

        // the draw's row first (its fingerprint and strata once the frame has passed), then the frame, frozen as of
        // the day, streamed once in stratum and id order: each stratum held while it passes (never the whole frame),
        // its size decided, its households drawn (Sampling.draw) and kept; a size a stratum cannot give is refused
        // with every such stratum named, and nothing is kept
        BigDecimal fraction = r.fraction();
        Integer minimum = r.minimum();
        if (r.perStratum() == null) {
            Map<String, PolicyParameters.Value> p = parameters.resolve(RegionCode.province(region.code()), asOf);
            fraction = fraction != null ? fraction : p.get("sample_fraction").value();
            minimum = minimum != null
                    ? minimum
                    : p.get("sample_min_per_stratum").value().intValue();
        }
        String by = actor.username();
        // who may read the draw: the drawer's level and above — never the region checked, before or during checks
        String drawerRegion =
                actor.get().map(Actor::regionCode).filter(c -> c != null).orElse(region.code());
        long id = jdbc.sql("insert into sample_draw (region_code, drawer_region, as_of, seed, fraction, minimum,"
                        + " per_stratum, frame_hash, frame_size, strata, drawn_by)"
                        + " values (?, ?, ?, ?, ?, ?, ?, '', 0, '[]', ?) returning id")
                .params(
                        region.code(),
                        drawerRegion,
                        asOf,
                        r.seed(),
                        r.perStratum() == null ? fraction : null,
                        r.perStratum() == null ? minimum : null,
                        r.perStratum(),
                        by)
                .query(Long.class)
                .single();
        // a province's frame sorts in memory, not on disk
        jdbc.sql("set local work_mem = '" + SORT_MEMORY + "'").update();
        Map<String, Object> frameParams = new HashMap<>();
        frameParams.put("low", range.low());
        frameParams.put("high", range.high());
        frameParams.put("asOf", asOf);
        StratumDraw stratumDraw = new StratumDraw(id, r.seed(), r.perStratum(), fraction, minimum);
        streaming.query(
                "select stratum, household_id, village_code, identity, monitoring_state from (" + FRAME
                        + ") x order by stratum collate \"C\", household_id",
                frameParams,
                (ResultSet rs) -> {
                    stratumDraw.add(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5));
                });
        stratumDraw.finish();
        if (!stratumDraw.tooMany.isEmpty()) {
            throw ApiException.invalid(stratumDraw.tooMany);
        }
        String frameHash = stratumDraw.fingerprint.hex();
        int frameSize =
                stratumDraw.strata.stream().mapToInt(SampleStratum::households).sum();
        int households =
                stratumDraw.strata.stream().mapToInt(SampleStratum::drawn).sum();
        jdbc.sql("update sample_draw set frame_hash = ?, frame_size = ?, strata = ?::json where id = ?")
                .params(frameHash, frameSize, json.writeValueAsString(stratumDraw.strata), id)
                .update();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("region", region.code());
        detail.put("asOf", asOf.toString());
        detail.put("seed", r.seed());
        detail.put("frameHash", frameHash);
        detail.put("households", households);
        events.publishEvent(
                new AuditableChange("sample_draw", Long.toString(id), "SAMPLE_DRAWN", null, detail, region.code()));
        return get(id);
    }

    /** The frame as it streams past: one stratum at a time held, sized, drawn and kept. */
    private final class StratumDraw {
        final Sampling.FrameHash fingerprint = new Sampling.FrameHash();
        final List<SampleStratum> strata = new ArrayList<>();
        final List<FieldProblem> tooMany = new ArrayList<>();
        private final long drawId;
        private final String seed;
        private final Integer perStratum;
        private final BigDecimal fraction;
        private final Integer minimum;
        private String key;
        private final List<Long> ids = new ArrayList<>();
        private final Map<Long, String[]> facts = new HashMap<>();

        StratumDraw(long drawId, String seed, Integer perStratum, BigDecimal fraction, Integer minimum) {
            this.drawId = drawId;
            this.seed = seed;
            this.perStratum = perStratum;
            this.fraction = fraction;
            this.minimum = minimum;
        }

        void add(String stratum, long id, String village, String identity, String state) {
            if (!stratum.equals(key)) {
                finish();
                key = stratum;
            }
            fingerprint.add(stratum, id);
            ids.add(id);
            facts.put(id, new String[] {village, identity, state});
        }

        /** The stratum held: its size, its draw, its households kept. */
        void finish() {
            if (key == null) {
                return;
            }
            int size = ids.size();
            int n;
            if (perStratum != null) {
                n = perStratum;
                if (n > size) {
                    tooMany.add(FieldProblem.of(
                            "perStratum",
                            messages.get("assessment.sample.too-many", key, Messages.count(size), Messages.count(n))));
                    n = 0;
                }
            } else {
                n = Sampling.proportional(Map.of(key, size), fraction.doubleValue(), minimum)
                        .get(key);
            }
            strata.add(new SampleStratum(key, size, n));
            if (n > 0 && tooMany.isEmpty()) {
                List<Long> drawn =
                        Sampling.draw(seed, Map.of(key, ids), Map.of(key, n)).get(key);
                jdbc.sql("insert into sample_household (draw_id, household_id, village_code, stratum, rank,"
                                + " identity, monitoring_state) select ?, h, v, ?, r, i, s from unnest(?::bigint[],"
                                + " ?::varchar[], ?::int[], ?::varchar[], ?::varchar[]) as t(h, v, r, i, s)")
                        .params(
                                drawId,
                                key,
                                drawn.toArray(Long[]::new),
                                drawn.stream().map(h -> facts.get(h)[0]).toArray(String[]::new),
                                IntStream.rangeClosed(1, drawn.size()).boxed().toArray(Integer[]::new),
                                drawn.stream().map(h -> facts.get(h)[1]).toArray(String[]::new),
                                drawn.stream().map(h -> facts.get(h)[2]).toArray(String[]::new))
                        .update();
            }
            ids.clear();
            facts.clear();
            key = null;
        }
    }

    /** A draw with its households, for the level that drew it and those above (404 otherwise). */
    @Transactional(readOnly = true)
    public SampleDraw get(long id) {
        SampleDraw d = header(id);
        List<SampledHousehold> households = jdbc.sql(
                        "select household_id, village_code, stratum, rank from sample_household"
                                + " where draw_id = ? order by stratum, rank")
                .param(id)
                .query((rs, i) -> new SampledHousehold(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4)))
                .list();
        return withHouseholds(d, households);
    }

    /**
     * A draw without its households, for the level that drew it and those above (404 otherwise: the region checked
     * never sees which of its households were drawn).
     */
    @Transactional(readOnly = true)
    public SampleDraw header(long id) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        return jdbc.sql("select * from sample_draw where id = :id and "
                        + dataScope.current().condition("drawer_region", p))
                .params(p)
                .query(this::row)
                .optional()
                .orElseThrow(() -> ApiException.notFound("assessment.sample.not-found", id));
    }

    /** The draws made at the caller's level or below it, newest first, without their households. */
    @Transactional(readOnly = true)
    public List<SampleDraw> list(int limit) {
        Map<String, Object> p = new HashMap<>();
        p.put("limit", Math.max(1, Math.min(limit, 500)));
        return jdbc.sql("select * from sample_draw where " + dataScope.current().condition("drawer_region", p)
                        + " order by id desc limit :limit")
                .params(p)
                .query(this::row)
                .list();
    }

    private SampleDraw row(ResultSet rs, int i) throws SQLException {
        SampleStratum[] strata = json.readValue(rs.getString("strata"), SampleStratum[].class);
        return new SampleDraw(
                rs.getLong("id"),
                rs.getString("region_code"),
                rs.getObject("as_of", LocalDate.class),
                rs.getString("seed"),
                rs.getBigDecimal("fraction"),
                rs.getObject("minimum", Integer.class),
                rs.getObject("per_stratum", Integer.class),
                rs.getString("frame_hash"),
                rs.getInt("frame_size"),
                List.of(strata),
                rs.getString("drawn_by"),
                rs.getTimestamp("drawn_at").toInstant(),
                List.of());
    }

    private static SampleDraw withHouseholds(SampleDraw d, List<SampledHousehold> households) {
        return new SampleDraw(
                d.id(),
                d.region(),
                d.asOf(),
                d.seed(),
                d.fraction(),
                d.minimum(),
                d.perStratum(),
                d.frameHash(),
                d.frameSize(),
                d.strata(),
                d.drawnBy(),
                d.drawnAt(),
                households);
    }
}
