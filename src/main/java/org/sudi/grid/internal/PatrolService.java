package org.sudi.grid.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.sudi.attachment.Attachments;
import org.sudi.casework.CaseFiling;
import org.sudi.casework.CaseFiling.FiledCase;
import org.sudi.casework.CaseFiling.NewCase;
import org.sudi.casework.CaseType;
import org.sudi.casework.Channel;
import org.sudi.casework.Urgency;
import org.sudi.directory.Actor;
import org.sudi.grid.domain.Grid;
import org.sudi.grid.domain.Patrol;
import org.sudi.platform.InvalidInputException;
import org.sudi.platform.NotFoundException;

/** Patrol use cases: start, tick, record a finding, turn a finding into a case, finish, read. */
@Service
public class PatrolService {

	private final JdbcPatrols patrols;
	private final JdbcGrids grids;
	private final GridGeography geography;
	private final PatrolChecklist checklist;
	private final Attachments attachments;
	private final CaseFiling filing;
	private final Clock clock;

	PatrolService(JdbcPatrols patrols, JdbcGrids grids, GridGeography geography, PatrolChecklist checklist,
			Attachments attachments, CaseFiling filing, Clock clock) {
		this.patrols = patrols;
		this.grids = grids;
		this.geography = geography;
		this.checklist = checklist;
		this.attachments = attachments;
		this.filing = filing;
		this.clock = clock;
	}

	public List<PatrolChecklist.ItemClass> checklist() {
		return checklist.all();
	}

	@Transactional
	public Patrol start(Actor actor, String gridCode) {
		Grid grid = geography.index().byCode(gridCode)
			.orElseThrow(() -> new InvalidInputException("gridCode", "no grid with code " + gridCode));
		Patrol p = Patrol.start(UUID.randomUUID(), grid, actor, grids.gridsOf(actor.username()).contains(gridCode),
				clock.instant());
		patrols.save(p);
		return p;
	}

	@Transactional(readOnly = true)
	public Patrol get(Actor actor, UUID id) {
		return patrols.find(id).filter(p -> p.isVisibleTo(actor)).orElseThrow(() -> new NotFoundException("Patrol", id));
	}

	@Transactional(readOnly = true)
	public List<Patrol> search(Actor actor, String gridCode, String worker, Instant from, Instant to, int limit) {
		return patrols.search(new JdbcPatrols.Filter(gridCode, worker, from, to), actor, limit);
	}

	@Transactional
	public Patrol tick(Actor actor, UUID id, long itemId, boolean ok, String note) {
		if (!checklist.isActiveItem(itemId)) {
			throw new InvalidInputException("itemId", "no checklist item " + itemId);
		}
		return change(actor, id, p -> p.tick(actor, itemId, ok, note, clock.instant()));
	}

	/** Records a finding; without a point it lies at the inner point of the patrolled grid. */
	@Transactional
	public Patrol.Finding find(Actor actor, UUID id, Long itemId, String description, Double lat, Double lon,
			List<UUID> attachmentIds) {
		if (itemId != null && !checklist.isActiveItem(itemId)) {
			throw new InvalidInputException("itemId", "no checklist item " + itemId);
		}
		if ((lat == null) != (lon == null)) {
			throw new InvalidInputException("lat", "give both lat and lon, or neither");
		}
		List<UUID> photos = attachmentIds == null ? List.of() : List.copyOf(attachmentIds);
		for (UUID photo : photos) {
			if (!attachments.uploadedBySameUnit(photo, actor)) {
				throw new InvalidInputException("attachmentIds", "attachment " + photo + " does not exist or is not yours");
			}
		}
		Patrol p = load(actor, id);
		double[] point = lat != null ? new double[] { lat, lon } : innerPoint(p.gridCode());
		Patrol.Finding f = p.find(actor, UUID.randomUUID(), itemId, description, point[0], point[1], photos,
				clock.instant());
		patrols.save(p);
		return f;
	}

	/**
	 * Turns a finding into a case in one step (one transaction): a case on the PATROL channel at the
	 * finding's point, filed by the worker through casework, and the finding linked to it.
	 */
	@Transactional
	public Patrol.Finding fileCase(Actor actor, UUID findingId, CaseType type, String title, String categoryCode,
			Urgency urgency) {
		Patrol p = patrols.findByFinding(findingId).filter(x -> x.isVisibleTo(actor))
			.flatMap(x -> patrols.lock(x.id()))
			.orElseThrow(() -> new NotFoundException("Finding", findingId));
		Patrol.Finding f = p.findingToFile(actor, findingId);
		String item = f.itemId() == null ? null : checklist.itemName(f.itemId());
		String caseTitle = title != null && !title.isBlank() ? title.strip()
				: (item != null ? item : "巡查发现") + "：" + shorten(f.description(), 40);
		String description = f.description() + "\n（网格 " + p.gridCode() + " 巡查发现"
				+ (item == null ? "" : "，巡查事项：" + item)
				+ (f.attachmentIds().isEmpty() ? "" : "，现场照片 " + f.attachmentIds().size() + " 张") + "）";
		FiledCase filed = filing.file(actor, new NewCase(type == null ? CaseType.LIVELIHOOD : type, caseTitle,
				description, categoryCode, urgency, Channel.PATROL, null, f.lat(), f.lon(), null));
		Patrol.Finding linked = p.filed(findingId, filed.id(), filed.trackingNo());
		patrols.save(p);
		return linked;
	}

	@Transactional
	public Patrol finish(Actor actor, UUID id, String note) {
		return change(actor, id, p -> p.finish(actor, note, clock.instant()));
	}

	private Patrol change(Actor actor, UUID id, Consumer<Patrol> action) {
		Patrol p = load(actor, id);
		action.accept(p);
		patrols.save(p);
		return p;
	}

	private Patrol load(Actor actor, UUID id) {
		return patrols.lock(id).filter(p -> p.isVisibleTo(actor)).orElseThrow(() -> new NotFoundException("Patrol", id));
	}

	private double[] innerPoint(String gridCode) {
		Grid g = geography.index().byCode(gridCode).orElseThrow(() -> new NotFoundException("Grid", gridCode));
		org.locationtech.jts.geom.Point p = g.geometry().getInteriorPoint();
		return new double[] { p.getY(), p.getX() };
	}

	private static String shorten(String s, int max) {
		return s.length() <= max ? s : s.substring(0, max) + "…";
	}
}
