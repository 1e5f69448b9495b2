"""The words the synthetic register is made of (bench/synthetic_register.py): departments, trades with
their ProClass categories, surnames and places of Lancashire, payees whose spend is not procurable,
frameworks.
"""


DEPARTMENTS = (
    ("100100", "Estates"), ("100200", "ICT"), ("100300", "Fleet"), ("100400", "Human Resources"),
    ("100500", "Learning & Development"), ("100600", "HQ Crime"), ("100700", "Operational Support"),
    ("100800", "Custody"), ("100900", "Forensic Services"), ("101000", "Finance"),
    ("101100", "Corporate Communications"), ("101200", "Professional Standards"),
)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Trade words in a supplier's name, the ProClass category its lines carry, the purpose the ledger writes,
# and the departments that buy it (indexes into DEPARTMENTS).
TRADES = (
    ("Cleaning", "131310", "CLEANING : Cleaning Service", "Contract cleaning", (0,)),
    ("Laundry", "131311", "CLEANING : Laundry Service", "Laundry", (0, 7)),
    ("Security", "192200", "FACILITIES MGT : Security", "Security services", (0,)),
    ("Print", "191600", "FACILITIES MGT : Printing", "Printing and stationery", (10, 9)),
    ("Removals", "191900", "FACILITIES MGT : Removals", "Removals and storage", (0,)),
    ("Catering", "111200", "CATERING : Food & Beverages", "Catering provisions", (7, 4)),
    ("Vending", "111400", "CATERING : Vending Machines", "Vending", (0,)),
    ("Vehicle Repairs", "381400", "VEHICLE MGT : Maintenance", "Vehicle maintenance", (2,)),
    ("Motor Parts", "381500", "VEHICLE MGT : Parts", "Vehicle parts", (2,)),
    ("Fuels", "381100", "VEHICLE MGT : Fuel", "Fuel", (2,)),
    ("Recovery", "381900", "VEHICLE MGT : Vehicle Recovery", "Vehicle recovery", (2, 6)),
    ("Uniforms", "141300", "CLOTHING : Uniforms", "Uniforms", (6,)),
    ("Footwear", "141200", "CLOTHING : Footwear", "Protective footwear", (6,)),
    ("Protective Wear", "141100", "CLOTHING : Protective", "Body armour and protective clothing", (6,)),
    ("Training", "261500", "HR : Training & Conferences", "Training courses", (4,)),
    ("Recruitment", "261300", "HR : Recruitment & Assessment", "Recruitment advertising", (3,)),
    ("Interpreting", "261100", "HR : Interpretation & Translation", "Interpreters", (5, 7)),
    ("Staffing", "261400", "HR : Temporary & Agency Staff", "Agency staff", (3, 9)),
    ("Consulting", "151900", "CONSULTANCY : Management", "Consultancy fees", (9, 3)),
    ("Legal", "281200", "LEGAL : General Support", "Legal fees", (11, 5)),
    ("Software", "271440", "ICT : Software", "Software licences", (1,)),
    ("Computer Services", "271501", "ICT : Services", "IT services", (1,)),
    ("Computers", "271200", "ICT : Hardware", "IT hardware", (1,)),
    ("Telecom", "271699", "ICT : Telecommunications", "Telephones and data lines", (1,)),
    ("Radio Systems", "271000", "ICT : Call Systems", "Radio and call handling", (1, 6)),
    ("Office Supplies", "341100", "STATIONERY : Sundries", "Office supplies", (9, 10)),
    ("Furniture", "211200", "FURNITURE : Office Furniture", "Office furniture", (0,)),
    ("Electrical", "101100", "BUILDING MATERIALS : Electrical", "Electrical works", (0,)),
    ("Plumbing", "102200", "BUILDING MATERIALS : Plumbing", "Plumbing repairs", (0,)),
    ("Roofing", "102300", "BUILDING MATERIALS : Roofing", "Roof repairs", (0,)),
    ("Glazing", "101500", "BUILDING MATERIALS : Glazing / Doors", "Glazing and doors", (0,)),
    ("Heating", "101700", "BUILDING MATERIALS : Heating & Air Conditioning", "Heating maintenance", (0,)),
    ("Grounds", "241500", "HORTICULTURAL : Tools & Equipment", "Grounds maintenance", (0,)),
    ("Waste", "182000", "ENVIRONMENTAL : Waste Management", "Waste collection", (0, 7)),
    ("Forensic", "181100", "ENVIRONMENTAL : Forensic & Laboratory", "Forensic analysis", (8, 5)),
    ("Kennels", "180010", "ENVIRONMENTAL : Animal Services", "Dog kennelling and vets", (6,)),
    ("Medical", "311600", "HEALTHCARE : Services", "Custody healthcare", (7,)),
    ("Safety", "221300", "HEALTH & SAFETY : Services", "Health and safety services", (3, 0)),
    ("Energy", "371000", "UTILITIES : Electricity", "Electricity", (0,)),
    ("Water", "371300", "UTILITIES : Water", "Water rates", (0,)),
    ("Travel", "261600", "HR : Travel & Subsistence", "Travel and accommodation", (3, 5, 4)),
)
SURNAMES = _words(
    "Ashworth Bamber Barton Bell Birtwistle Bolton Booth Brindle Butterworth Carter Clegg Cowell Crompton "
    "Dewhurst Duckworth Eccles Entwistle Fairclough Farnworth Fielding Fletcher Greenhalgh Haworth Heaton "
    "Hesketh Holden Hothersall Howarth Ingham Jackson Kay Kenyon Lund Marsden Mather Mercer Nuttall Ogden "
    "Parkinson Pilkington Pickup Rawcliffe Riley Rishton Sagar Schofield Sharples Singleton Slater "
    "Sowerbutts Standen Sutcliffe Taylor Thistlethwaite Tomlinson Walmsley Whalley Whittaker Wilkinson "
    "Worsley Yates Ahmed Bibby Cross Dobson Gregson Harrison Hindle Jepson Kershaw Lomax Moss Noble Parr "
    "Pearson Quayle Rigby Shaw Townley Unsworth Wadsworth Ward Whiteside Wood Ainsworth Blackburn "
    "Cunliffe Hargreaves Livesey Pye Seed Tattersall Cookson Procter Gornall Swarbrick Ball Catterall "
    "Iddon Penswick"
)
PLACES = _words(
    "Pennine Ribble Fylde Bowland Wyre Lune Calder Darwen Irwell Rossendale Pendle Hodder Brock Conder "
    "Douglas Yarrow Lostock Savick Croston Kirkham Garstang Longridge Chorley Leyland Ormskirk "
    "Skelmersdale Morecambe Heysham Carnforth Clitheroe Whalley Padiham Colne Nelson Bacup Haslingden "
    "Fleetwood Poulton Thornton Northern Western Red Rose Summit Beacon Meridian Keystone Apex Harbour "
    "Granite Oak Ash Heather Moorland Castle Bridge Mill Valley Ridge"
)
TAILS = ("Services", "Solutions", "Supplies", "Group", "Systems", "Partners", "Contractors", "UK",
         "Associates")
SUFFIXES = ("Ltd", "Ltd", "Ltd", "Limited", "Limited", "PLC", "LLP", "")
CAUSES = ("Victim Support", "Youth Project", "Community Safety", "Recovery Service", "Mediation Service",
          "Women's Centre", "Domestic Abuse Service", "Mentoring Scheme")
# Payees whose spend is not procurable: (name, purpose, amount scale, line weight, is a public body)
NON_PROCURABLE = (
    ("HM Revenue & Customs", "HMRC PAYE and NI", 5, 300, True),
    ("Lancashire County Pension Fund", "Pension contributions (employer)", 4, 250, True),
    ("Police Mutual Assurance Society Ltd", "Staff insurance deductions", 1.5, 150, False),
    ("Lancashire County Council", "Recharge from council", 3, 120, True),
    ("Blackpool Council", "Recharge from council", 2, 40, True),
    ("Cumbria Constabulary", "Mutual aid recharge", 2, 40, True),
    ("Merseyside Police", "Mutual aid recharge", 2, 40, True),
    ("Greater Manchester Police", "Mutual aid recharge", 2, 40, True),
    ("Preston City Council", "Business rates", 2, 30, True),
    ("Lancashire Fire & Rescue Service", "Shared estate recharge", 2, 30, True),
)
FRAMEWORKS = (
    ("Crown Commercial Service", "Technology Products & Associated Services 2", True),
    ("Crown Commercial Service", "Facilities Management Marketplace", True),
    ("Crown Commercial Service", "Vehicle Lease and Fleet Management", True),
    ("Bluelight Commercial", "Body Armour and Protective Equipment", True),
    ("Bluelight Commercial", "Custody Healthcare", True),
    ("YPO", "Office Supplies and Furniture", True),
    ("ESPO", "Energy and Utilities", True),
    ("NEPO", "Training and Development", True),
    ("Fleet Parts Buying Club", "Fleet Parts", False),
    ("Facilities Consortium Ltd", "Property Services", False),
)
COLLABORATIVE_BODIES = ("Cumbria Constabulary", "Merseyside Police", "Cheshire Constabulary",
                        "Greater Manchester Police", "North West Police Procurement Hub")
