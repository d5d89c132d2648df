package org.sudi.channel.internal;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.sudi.casework.CaseIntake;
import org.sudi.casework.CaseQueries;
import org.sudi.casework.CaseQuery;
import org.sudi.casework.CaseSummary;
import org.sudi.casework.CaseType;
import org.sudi.casework.Channel;
import org.sudi.casework.NewCase;
import org.sudi.directory.Actor;
import org.sudi.directory.OrgKind;
import org.sudi.directory.OrgUnit;
import org.sudi.directory.OrgUnits;
import org.sudi.directory.PortalAccounts;

/**
 * The guided conversation of the official account (ADR 0015): messages fill a draft — what
 * (text), where (a location message or a typed address), which town (a number from a list), photos
 * (image messages, kept as their WeChat links) — and once everything is there, "1" files it as a
 * LIVELIHOOD case of channel WECHAT for the account bound to the openid. Unbound followers get a link
 * into the portal to sign in once (WeChat OAuth binds the openid). Menu clicks and "2" show progress;
 * "0" drops the draft.
 */
@Service
public class WechatConversation {

	/** What a message says, stripped of WeChat's wrapping. */
	public record Incoming(String openId, String type, String text, Double lat, Double lon, String label,
			String picUrl, String event, String eventKey) {
	}

	private record Draft(String step, String description, Long townId, Double lat, Double lon, String address,
			List<String> photos) {
		String next() {
			if (description == null) {
				return "DESCRIBE";
			}
			if (address == null && lat == null) {
				return "LOCATION";
			}
			if (townId == null) {
				return "TOWN";
			}
			return "CONFIRM";
		}
	}

	private final JdbcClient jdbc;
	private final OrgUnits orgUnits;
	private final CaseIntake intake;
	private final CaseQueries queries;
	private final PortalAccounts accounts;
	private final WechatBindings bindings;
	private final ChannelProperties properties;
	private final Clock clock;

	WechatConversation(JdbcClient jdbc, OrgUnits orgUnits, CaseIntake intake, CaseQueries queries,
			PortalAccounts accounts, WechatBindings bindings, ChannelProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.orgUnits = orgUnits;
		this.intake = intake;
		this.queries = queries;
		this.accounts = accounts;
		this.bindings = bindings;
		this.properties = properties;
		this.clock = clock;
	}

	/** The reply to one message. */
	@Transactional
	public String reply(Incoming m) {
		Optional<Draft> draft = draft(m.openId());
		switch (m.type()) {
			case "event":
				return event(m, draft);
			case "text":
				return text(m, draft);
			case "image": {
				Draft d = draft.orElse(empty());
				List<String> photos = new ArrayList<>(d.photos());
				if (photos.size() >= 9) {
					return "最多 9 张照片。" + prompt(d);
				}
				if (m.picUrl() != null) {
					photos.add(m.picUrl());
				}
				return save(m.openId(), new Draft(d.step(), d.description(), d.townId(), d.lat(), d.lon(), d.address(),
						photos), "已收到照片（" + photos.size() + "/9）。");
			}
			case "location": {
				Draft d = draft.orElse(empty());
				return save(m.openId(), new Draft(d.step(), d.description(), d.townId(), m.lat(), m.lon(),
						m.label() == null || m.label().isBlank() ? d.address() : m.label(), d.photos()), "已收到位置。");
			}
			default:
				return "暂不支持这类消息。回复 1 反映问题，回复 2 查询进度。";
		}
	}

	private String event(Incoming m, Optional<Draft> draft) {
		String event = m.event() == null ? "" : m.event().toLowerCase();
		if (event.equals("subscribe")) {
			return "欢迎关注榴乡诉递！有事您说话：\n回复 1 反映问题（可发文字、图片、位置），回复 2 查询进度。\n也可以在网页上反映："
					+ properties.publicBaseUrl() + "/m";
		}
		if (event.equals("unsubscribe")) {
			jdbc.sql("delete from channel_wechat_draft where openid = ?").param(m.openId()).update();
			return "";
		}
		if (event.equals("click")) {
			String key = m.eventKey() == null ? "" : m.eventKey();
			return switch (key) {
				case "REPORT" -> start(m.openId());
				case "PROGRESS" -> progress(m.openId());
				case "PORTAL" -> "在网页上反映和查询：" + properties.publicBaseUrl() + "/m";
				default -> "回复 1 反映问题，回复 2 查询进度。";
			};
		}
		return "";
	}

	private String text(Incoming m, Optional<Draft> draft) {
		String text = m.text() == null ? "" : m.text().strip();
		if (draft.isEmpty()) {
			return switch (text) {
				case "1", "反映", "我要反映" -> start(m.openId());
				case "2", "查询", "进度" -> progress(m.openId());
				case "", "0", "取消" -> "回复 1 反映问题，回复 2 查询进度。";
				default -> save(m.openId(), new Draft("DESCRIBE", text, null, null, null, null, List.of()), "已记下问题。");
			};
		}
		Draft d = draft.get();
		if (text.equals("0") || text.equals("取消")) {
			jdbc.sql("delete from channel_wechat_draft where openid = ?").param(m.openId()).update();
			return "已取消。回复 1 可以重新反映。";
		}
		return switch (d.next()) {
			case "DESCRIBE" -> save(m.openId(), new Draft(d.step(), text, d.townId(), d.lat(), d.lon(), d.address(),
					d.photos()), "已记下问题。");
			case "LOCATION" -> save(m.openId(), new Draft(d.step(), d.description(), d.townId(), d.lat(), d.lon(), text,
					d.photos()), "已记下地址。");
			case "TOWN" -> town(m.openId(), d, text);
			default -> confirm(m.openId(), d, text);
		};
	}

	private String town(String openId, Draft d, String text) {
		List<OrgUnit> towns = towns();
		try {
			int n = Integer.parseInt(text);
			if (n >= 1 && n <= towns.size()) {
				return save(openId, new Draft(d.step(), d.description(), towns.get(n - 1).id(), d.lat(), d.lon(),
						d.address(), d.photos()), "所在镇街：" + towns.get(n - 1).name() + "。");
			}
		}
		catch (NumberFormatException e) {
			// fall through: ask again
		}
		return "请回复镇街前面的数字。\n" + townList();
	}

	private String confirm(String openId, Draft d, String text) {
		if (!text.equals("1") && !text.equals("提交") && !text.equals("确认")) {
			return prompt(d);
		}
		Optional<Actor> actor = bindings.usernameOf(openId).flatMap(accounts::find);
		if (actor.isEmpty()) {
			return "提交前请先用手机号验证一次（只需一次）：" + properties.publicBaseUrl()
					+ "/m/wechat/oauth\n验证后回到这里回复 1 提交。";
		}
		StringBuilder description = new StringBuilder(d.description());
		for (String photo : d.photos()) {
			description.append("\n图片 photo: ").append(photo);
		}
		String title = d.description().length() > 30 ? d.description().substring(0, 30) + "…" : d.description();
		CaseSummary c = intake.submit(actor.get(), new NewCase(CaseType.LIVELIHOOD, title, description.toString(), null,
				null, Channel.WECHAT, d.townId(), d.lat(), d.lon(), d.address(), null,
				accounts.phoneOf(actor.get().username()).orElse(null), false, List.of()));
		jdbc.sql("delete from channel_wechat_draft where openid = ?").param(openId).update();
		return "已提交，编号 " + c.trackingNo() + "。办理进展会通知您，也可回复 2 查询：" + properties.publicBaseUrl()
				+ "/m/requests/" + c.trackingNo();
	}

	private String start(String openId) {
		return save(openId, empty(), "");
	}

	private String progress(String openId) {
		Optional<String> username = bindings.usernameOf(openId);
		if (username.isEmpty()) {
			return "请先用手机号验证一次：" + properties.publicBaseUrl() + "/m/wechat/oauth";
		}
		List<CaseSummary> mine = queries.find(CaseQuery.ofRequester(username.get(), 5));
		if (mine.isEmpty()) {
			return "您还没有诉求。回复 1 反映问题。";
		}
		StringBuilder s = new StringBuilder("您最近的诉求：");
		for (CaseSummary c : mine) {
			s.append("\n").append(c.trackingNo()).append(" ").append(c.title()).append("：")
				.append(StatusWords.text(c.status(), c.outcome()).split(" ")[0]);
		}
		return s.append("\n详情：").append(properties.publicBaseUrl()).append("/m/requests").toString();
	}

	private String save(String openId, Draft d, String ack) {
		String next = d.next();
		jdbc.sql("""
				insert into channel_wechat_draft(openid, step, description, town_id, lat, lon, address, photo_urls, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (openid) do update set step = excluded.step, description = excluded.description,
				  town_id = excluded.town_id, lat = excluded.lat, lon = excluded.lon, address = excluded.address,
				  photo_urls = excluded.photo_urls, updated_at = excluded.updated_at""")
			.params(openId, next, d.description(), d.townId(), d.lat(), d.lon(), d.address(),
					d.photos().toArray(String[]::new), Timestamp.from(clock.instant()))
			.update();
		return (ack.isEmpty() ? "" : ack + "\n") + prompt(new Draft(next, d.description(), d.townId(), d.lat(), d.lon(),
				d.address(), d.photos()));
	}

	private String prompt(Draft d) {
		return switch (d.next()) {
			case "DESCRIBE" -> "请用文字说说遇到了什么问题（可以同时发图片）。回复 0 取消。";
			case "LOCATION" -> "问题在哪里？请发送位置（＋ › 位置），或直接回复详细地址。";
			case "TOWN" -> "在哪个镇街？请回复数字：\n" + townList();
			default -> "请确认：\n" + d.description() + "\n地点：" + (d.address() != null ? d.address() : d.lat() + "," + d.lon())
					+ "\n镇街：" + orgUnits.find(d.townId()).map(OrgUnit::name).orElse("?")
					+ (d.photos().isEmpty() ? "" : "\n照片：" + d.photos().size() + " 张") + "\n回复 1 提交，回复 0 取消。";
		};
	}

	private List<OrgUnit> towns() {
		return orgUnits.all().stream().filter(o -> o.kind() == OrgKind.TOWN).toList();
	}

	private String townList() {
		List<OrgUnit> towns = towns();
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < towns.size(); i++) {
			s.append(i + 1).append(" ").append(towns.get(i).name()).append(i + 1 < towns.size() ? "\n" : "");
		}
		return s.toString();
	}

	private static Draft empty() {
		return new Draft("DESCRIBE", null, null, null, null, null, List.of());
	}

	private Optional<Draft> draft(String openId) {
		return jdbc.sql("select * from channel_wechat_draft where openid = ?").param(openId)
			.query((rs, n) -> {
				Array photos = rs.getArray("photo_urls");
				return new Draft(rs.getString("step"), rs.getString("description"), rs.getObject("town_id", Long.class),
						rs.getObject("lat", Double.class), rs.getObject("lon", Double.class), rs.getString("address"),
						photos == null ? List.of() : Arrays.asList((String[]) photos.getArray()));
			})
			.optional();
	}
}
