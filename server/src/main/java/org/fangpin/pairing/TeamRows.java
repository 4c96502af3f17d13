package org.fangpin.pairing;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.pairing.WorkTeams.Member;
import org.fangpin.pairing.WorkTeams.Team;
import org.fangpin.pairing.WorkTeams.Unit;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.registry.IdNumber;
import org.fangpin.registry.Registry;
import org.fangpin.security.FieldCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The rows of {@link WorkTeams}: teams with their units and members (ID and phone unsealed only to be masked), read
 * for any number of teams in three queries, the province's rules (rotation notice, fewest members) once per province.
 */
@Component
class TeamRows {

    private final JdbcClient jdbc;
    private final RegionDirectory regions;
    private final PolicyParameters parameters;
    private final FieldCipher cipher;
    private final Clock clock;

    TeamRows(JdbcClient jdbc, RegionDirectory regions, PolicyParameters parameters, FieldCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.regions = regions;
        this.parameters = parameters;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Teams by id, in that order, in three queries whatever their number (units and members by team). */
    List<Team> read(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Long[] keys = ids.toArray(Long[]::new);
        Map<Long, Map<String, Object>> rows = new HashMap<>();
        jdbc.sql("select * from work_team where id = any(?)")
                .param(keys)
                .query()
                .listOfRows()
                .forEach(r -> rows.put(((Number) r.get("id")).longValue(), r));
        Map<Long, List<Unit>> units = new HashMap<>();
        jdbc.sql("select w.team_id, u.id, u.name, u.kind, u.place, u.university_id from work_team_unit w"
                        + " join assist_unit u on u.id = w.unit_id where w.team_id = any(?) order by u.name")
                .param(keys)
                .query(rs -> {
                    units.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new Unit(
                                    rs.getLong(2),
                                    rs.getString(3),
                                    UnitKind.valueOf(rs.getString(4)),
                                    rs.getString(5),
                                    (Long) rs.getObject(6)));
                });
        LocalDate today = LocalDate.now(clock);
        Map<String, int[]> rules = new HashMap<>(); // province -> notice, min
        Function<String, int[]> rule = village -> rules.computeIfAbsent(RegionCode.province(village), prov -> {
            Map<String, PolicyParameters.Value> values = parameters.resolve(prov, today);
            return new int[] {
                PairingFields.number(values, "team_rotation_notice_days", 90),
                PairingFields.number(values, "team_min_members", 3)
            };
        });
        Map<Long, List<Member>> members = new HashMap<>();
        jdbc.sql("select m.*, u.name as unit_name from team_member m"
                        + " join assist_unit u on u.id = m.unit_id where m.team_id = any(?)"
                        + " order by m.status = 'ON_DUTY' desc, m.post, m.id")
                .param(keys)
                .query(rs -> {
                    MemberStatus status = MemberStatus.valueOf(rs.getString("status"));
                    LocalDate to = rs.getObject("term_to", LocalDate.class);
                    byte[] phone = rs.getBytes("phone_enc");
                    int notice = rule.apply(rs.getString("village_code"))[0];
                    members.computeIfAbsent(rs.getLong("team_id"), k -> new ArrayList<>())
                            .add(new Member(
                                    rs.getLong("id"),
                                    rs.getString("name"),
                                    IdNumber.mask(cipher.decrypt(WorkTeams.ID_PURPOSE, rs.getBytes("id_number_enc"))),
                                    phone == null
                                            ? null
                                            : Registry.maskPhone(cipher.decrypt(WorkTeams.PHONE_PURPOSE, phone)),
                                    rs.getLong("unit_id"),
                                    rs.getString("unit_name"),
                                    TeamPost.valueOf(rs.getString("post")),
                                    rs.getObject("term_from", LocalDate.class),
                                    to,
                                    status,
                                    rs.getObject("status_on", LocalDate.class),
                                    rs.getString("status_reason"),
                                    rs.getString("approval_no"),
                                    status == MemberStatus.ON_DUTY && !to.isAfter(today.plusDays(notice))));
                });
        List<Team> out = new ArrayList<>();
        for (long id : ids) {
            Map<String, Object> t = rows.get(id);
            String village = (String) t.get("village_code");
            List<Member> of = members.getOrDefault(id, List.of());
            int min = rule.apply(village)[1];
            long onDuty =
                    of.stream().filter(m -> m.status() == MemberStatus.ON_DUTY).count();
            boolean ended = t.get("ended_on") != null;
            out.add(new Team(
                    id,
                    village,
                    regions.find(village).map(Region::name).orElse(village),
                    ((java.sql.Date) t.get("started_on")).toLocalDate(),
                    ended ? ((java.sql.Date) t.get("ended_on")).toLocalDate() : null,
                    (String) t.get("end_reason"),
                    units.getOrDefault(id, List.of()),
                    of,
                    onDuty,
                    !ended && onDuty < min,
                    of.stream()
                            .anyMatch(m -> m.status() == MemberStatus.ON_DUTY && m.post() == TeamPost.FIRST_SECRETARY),
                    min,
                    ((Number) t.get("version")).intValue()));
        }
        return out;
    }
}
