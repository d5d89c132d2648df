package org.sudi.grid;

/** What a special grid (专属网格) is drawn around. */
public enum SpecialKind {
	SCHOOL("学校"), HOSPITAL("医院"), MARKET("市场"), INDUSTRIAL_PARK("工业园区"), CONSTRUCTION_SITE("建筑工地"),
	OTHER("其他");

	private final String label;

	SpecialKind(String label) {
		this.label = label;
	}

	/** The Chinese name, as the district writes it. */
	public String label() {
		return label;
	}
}
