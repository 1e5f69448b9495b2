"""Who the demo force deals with besides its suppliers: framework providers, partners, public bodies."""

from dataclasses import dataclass


@dataclass(frozen=True)
class FrameworkSpec:
    key: str
    provider: str
    name: str
    reference: str = ""


FRAMEWORKS: tuple[FrameworkSpec, ...] = (
    FrameworkSpec("ccs_tepas", "Crown Commercial Service", "Technology Products & Associated Services 2",
                  "RM6098"),
    FrameworkSpec("ccs_ts3", "Crown Commercial Service", "Technology Services 3", "RM6100"),
    FrameworkSpec("ccs_ns3", "Crown Commercial Service", "Network Services 3", "RM6116"),
    FrameworkSpec("ccs_mcf3", "Crown Commercial Service", "Management Consultancy Framework Three", "RM6187"),
    FrameworkSpec("ccs_fm", "Crown Commercial Service", "Facilities Management and Workplace Services",
                  "RM6232"),
    FrameworkSpec("ccs_energy", "Crown Commercial Service", "Supply of Energy 2"),
    FrameworkSpec("ccs_fuel", "Crown Commercial Service", "Fuel Cards and Associated Services"),
    FrameworkSpec("ccs_vehicles", "Crown Commercial Service", "Vehicle Lease and Fleet Management"),
    FrameworkSpec("ccs_staff", "Crown Commercial Service", "Non Clinical Temporary and Fixed Term Staff"),
    FrameworkSpec("ccs_travel", "Crown Commercial Service", "Travel and Venue Solutions"),
    FrameworkSpec("ccs_legal", "Crown Commercial Service", "Legal Services Panel"),
    FrameworkSpec("ccs_media", "Crown Commercial Service", "Media Services"),
    FrameworkSpec("ccs_post", "Crown Commercial Service", "Postal Goods and Services"),
    FrameworkSpec("blc_vehicles", "Bluelight Commercial", "National Police Vehicle Purchase and Conversion"),
    FrameworkSpec("blc_uniform", "Bluelight Commercial", "Police Uniform, Footwear and Workwear"),
    FrameworkSpec("blc_armour", "Bluelight Commercial", "Body Armour and Associated Protective Equipment"),
    FrameworkSpec("ypo_facilities", "YPO", "Facilities Management Services and Waste"),
    FrameworkSpec("ypo_furniture", "YPO", "Office Furniture and Interiors"),
    FrameworkSpec("ypo_office", "YPO", "Office Supplies and Consumables"),
    FrameworkSpec("ypo_utilities", "YPO", "Water and Wastewater Services"),
    FrameworkSpec("ypo_staff", "YPO", "Managed Services for Temporary Agency Resources"),
    FrameworkSpec("ypo_sport", "YPO", "Sports and Fitness Equipment"),
    FrameworkSpec("ypo_catering", "YPO", "Food and Catering Supplies"),
    FrameworkSpec("ypo_print", "YPO", "Print Management Services"),
    FrameworkSpec("espo_fm", "ESPO", "Total Facilities Management"),
    FrameworkSpec("espo_furniture", "ESPO", "Office Furniture"),
    FrameworkSpec("espo_mfd", "ESPO", "Multi-Functional Devices, Managed Print and Print Audit Services"),
    FrameworkSpec("espo_fuel", "ESPO", "Liquid Fuels"),
    FrameworkSpec("espo_tyres", "ESPO", "Tyres and Associated Services"),
    FrameworkSpec("espo_hire", "ESPO", "Vehicle Hire"),
    FrameworkSpec("espo_office", "ESPO", "Office Stationery"),
    FrameworkSpec("nwpc_custody", "North West Police Procurement Collaboration",
                  "Custody Healthcare and Interpreting Services"),
    FrameworkSpec("nwpc_forensics", "North West Police Procurement Collaboration",
                  "Forensic Science Services"),
    FrameworkSpec("nwpc_fleet", "North West Police Procurement Collaboration",
                  "Vehicle Maintenance, Tyres and Recovery"),
    FrameworkSpec("nwpc_estates", "North West Police Procurement Collaboration",
                  "Minor Works and Refurbishment"),
)


@dataclass(frozen=True)
class BodySpec:
    """An organisation row the demo adds beside the force: its PCC office and partners."""

    slug: str
    name: str
    kind: str


PCC = BodySpec("demo-pcc", "Office of the Police and Crime Commissioner for Demo", "policing_body")
PARTNERS: tuple[BodySpec, ...] = (
    BodySpec("demo-cumbria", "Cumbria Constabulary", "police_force"),
    BodySpec("demo-merseyside", "Merseyside Police", "police_force"),
    BodySpec("demo-fire", "Lancashire Fire and Rescue Service", "fire_authority"),
)


@dataclass(frozen=True)
class PublicBodySpec:
    """A public body paid for things that are not purchases (taxes, pensions, rates, recharges)."""

    name: str
    district: str
    expenses: tuple[str, ...]
    share: float


PUBLIC_BODIES: tuple[PublicBodySpec, ...] = (
    PublicBodySpec("HM Revenue & Customs", "SW1A", ("Apprenticeship Levy", "VAT adjustment"), 0.24),
    PublicBodySpec("Local Pensions Partnership Administration", "PR1", ("Pension contributions - employer",),
                   0.30),
    PublicBodySpec("Home Office", "SW1P", ("Police National Computer charges", "National services recharge"),
                   0.12),
    PublicBodySpec("Lancashire County Council", "PR1", ("Partnership contribution", "Recharge"), 0.07),
    PublicBodySpec("Preston City Council", "PR1", ("Business rates",), 0.06),
    PublicBodySpec("Chorley Council", "PR7", ("Business rates",), 0.03),
    PublicBodySpec("Blackpool Council", "FY1", ("Business rates",), 0.03),
    PublicBodySpec("Cumbria Constabulary", "CA10", ("Mutual aid recharge",), 0.04),
    PublicBodySpec("Merseyside Police", "L1", ("Mutual aid recharge",), 0.04),
    PublicBodySpec("College of Policing", "CV8", ("National policing fees",), 0.03),
    PublicBodySpec("Driver and Vehicle Licensing Agency", "SA6", ("Vehicle excise duty",), 0.02),
    PublicBodySpec("NHS Business Services Authority", "NE15", ("Recharge",), 0.02),
)
