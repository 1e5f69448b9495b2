"""Words the demo's invented names and addresses are made of."""

SURNAMES = (
    "Ashworth", "Haworth", "Whittaker", "Hindle", "Riley", "Pilling", "Cowell", "Entwistle", "Duckworth",
    "Greenwood", "Holden", "Kenyon", "Lord", "Marsden", "Nuttall", "Parkinson", "Rawcliffe", "Sharples",
    "Taylor", "Whiteside", "Worthington", "Barnes", "Bamber", "Catterall", "Dewhurst", "Eccles", "Fielding",
    "Gregson", "Halstead", "Ingham", "Jackson", "Kay", "Lomax", "Mercer", "Moss", "Ormerod", "Pickup",
    "Ratcliffe", "Schofield", "Shorrock", "Singleton", "Slater", "Sutcliffe", "Townley", "Walmsley",
    "Wilkinson", "Yates", "Ainsworth", "Bradshaw", "Clegg", "Crompton", "Hargreaves", "Heap", "Howarth",
    "Kershaw", "Lees", "Ogden", "Openshaw", "Rigby", "Smethurst", "Tattersall", "Thistlethwaite", "Atherton",
    "Banks", "Bell", "Brown", "Campbell", "Carter", "Clarke", "Cooper", "Davies", "Edwards", "Evans",
    "Fletcher", "Graham", "Green", "Hall", "Harris", "Hughes", "Hunter", "Johnson", "Jones", "Kelly", "Khan",
    "Lewis", "Martin", "Mitchell", "Morgan", "Morris", "Murphy", "Owen", "Patel", "Phillips", "Price",
    "Roberts", "Robinson", "Shaw", "Simpson", "Smith", "Stewart", "Thomas", "Thompson", "Turner", "Walker",
    "Ward", "Watson", "White", "Williams", "Wilson", "Wood", "Wright", "Young", "Ahmed", "Hussain", "Begum",
    "Mistry", "Chauhan", "Kowalski", "O'Brien", "McKenzie",
)

FIRST_NAMES = (
    "Andrew", "Paul", "David", "Mark", "Stephen", "Gary", "Ian", "Neil", "Craig", "Lee", "Darren", "Jason",
    "Karen", "Julie", "Joanne", "Claire", "Nicola", "Lisa", "Sarah", "Rachel", "Emma", "Helen", "Sharon",
    "Imran", "Asif", "Priya", "Aisha", "Tom", "Ben", "Sam", "Chris", "Jo", "Kate", "Amy", "Dean", "Wayne",
)

BRANDS = (
    "Albion", "Meridian", "Sterling", "Vanguard", "Keystone", "Summit", "Apex", "Beacon", "Compass",
    "Horizon", "Pinnacle", "Sentinel", "Paragon", "Zenith", "Evergreen", "Oakwood", "Ashdown", "Kingsway",
    "Redwood", "Bridgewater", "Castlegate", "Lionheart", "Blue Line", "Thin Blue", "Clearview", "Brightwater",
    "Silverline", "Ironbridge", "Fairway", "Westgate", "Highfield", "Stonebridge", "Greystone", "Millbrook",
    "Larkfield", "Riverside", "Harbour", "Oakland", "Northstar", "Trident", "Falcon", "Kestrel", "Osprey",
    "Merlin", "Heron", "Granite", "Cobalt", "Quantum", "Vertex", "Nimbus", "Orbit", "Vector", "Catalyst",
    "Elevate", "Insight",
)

# Words a firm might take from where it is: by region code, and for Lancashire county.
REGION_WORDS = {
    "E12000001": ("Tyne", "Northumbria", "Wear Valley", "North East"),
    "E12000002": ("Pennine", "Northern", "North West", "Red Rose", "Mersey", "Lakeland", "Cheshire"),
    "E12000003": ("Yorkshire", "Dales", "White Rose", "Humber", "Pennine"),
    "E12000004": ("Trent", "Midland", "Peak", "Charnwood"),
    "E12000005": ("Midland", "Mercia", "Black Country", "Arden", "Severn"),
    "E12000006": ("Anglia", "Fenland", "Chiltern", "Eastern"),
    "E12000007": ("Thames", "Capital", "City", "Metro"),
    "E12000008": ("Solent", "Downs", "Wealden", "Chiltern", "Thames Valley"),
    "E12000009": ("Wessex", "Severn", "Cotswold", "Westcountry"),
    "W92000004": ("Cambrian", "Cymru", "Gower", "Dragon"),
    "S92000003": ("Caledonian", "Forth", "Clyde", "Saltire"),
}
LANCASHIRE_WORDS = (
    "Ribble", "Ribble Valley", "Pendle", "Fylde", "Wyre", "Lune", "Bowland", "Calder", "Red Rose",
    "Lancastrian", "Central Lancashire", "East Lancs", "West Lancs", "Rossendale",
)
LANCASHIRE_TOWN_WORDS = {
    "Preston": ("Ribble", "Central Lancashire", "Fulwood"), "Chorley": ("Central Lancashire",),
    "Leyland": ("South Ribble", "Central Lancashire"), "Clitheroe": ("Ribble Valley", "Bowland"),
    "Colne": ("Pendle",), "Nelson": ("Pendle",), "Barnoldswick": ("Pendle", "Craven"),
    "Burnley": ("Calder", "Pendle"),
    "Accrington": ("Hyndburn", "East Lancs"), "Rossendale": ("Rossendale", "Irwell"),
    "Bacup": ("Rossendale",),
    "Lancaster": ("Lune", "Lune Valley", "Bowland"), "Morecambe": ("Morecambe Bay", "Lune"),
    "Fleetwood": ("Wyre", "Fylde Coast"), "Poulton-le-Fylde": ("Wyre", "Fylde"),
    "Lytham St Annes": ("Fylde",),
    "Ormskirk": ("West Lancs",), "Skelmersdale": ("West Lancs",), "Blackburn": ("Hyndburn", "East Lancs"),
}

STREETS = (
    "Church Street", "Station Road", "Mill Lane", "Victoria Road", "King Street", "Market Street",
    "Moor Lane", "Bank Street", "Chapel Street", "Water Street", "Queen Street", "Park Road",
    "Manchester Road", "Albert Road", "Garstang Road", "Blackburn Road", "Bolton Road", "High Street",
    "New Road", "Brook Street", "Mill Street", "Liverpool Road", "Preston New Road", "Whalley Road",
    "Burnley Road", "Derby Street", "Cross Street",
)

ESTATES = (
    "Riverside", "Millennium", "Enterprise", "Centurion", "Cuerden", "Red Scar", "Walton Summit",
    "Shadsworth", "Lancashire Business", "Gateway", "Mill", "Canalside", "Brookfield", "Woodlands",
    "Moss Side", "Lostock", "Valley", "Pennine", "Junction", "Northgate", "Waterside", "Heritage", "Oakfield",
    "Kingfisher",
)

ESTATE_KINDS = ("Business Park", "Industrial Estate", "Trading Estate", "Enterprise Park", "Business Centre")

BUILDINGS = (
    "Regent", "Victoria", "Albion", "Cavendish", "Sovereign", "Pioneer", "Mulberry", "Carlton", "Aspen",
)

VCSE_CAUSES = (
    ("Women's Aid", "321010"), ("Victim Support Services", "321010"), ("Recovery Partnership", "321020"),
    ("Youth Trust", "261500"), ("Mind", "311100"), ("Community Transport", "361450"),
    ("Advocacy Trust", "321010"), ("Wellbeing Hub", "311100"), ("Training Trust", "261500"),
    ("Furniture Project", "211200"), ("Social Enterprise Catering", "111200"),
    ("Horticultural Project", "391300"),
    ("Rape Crisis", "321010"), ("Drug and Alcohol Service", "321020"), ("Dog Rescue", "180010"),
)

VCSE_FORMS = ("", " CIC", " Trust", " Foundation", " Limited")

# The demo sign-ins: (username, first name, last name, role, job).
SIGN_INS = (
    ("admin", "Sarah", "Whitehead", "administrator", "Business systems manager"),
    ("officer", "Daniel", "Ashworth", "procurement_officer", "Senior procurement officer"),
    ("budget", "Helen", "Parkinson", "budget_holder", "Head of Estates"),
    ("board", "Michael", "Haworth", "board_member", "Chief Finance Officer"),
    ("evaluator", "Priya", "Shah", "evaluator", "ICT service delivery manager"),
    ("auditor", "Gareth", "Lloyd", "auditor", "Internal auditor"),
    ("supplier", "Joanne", "Whittle", "supplier_user", "Contracts manager"),
)

EMAIL_DOMAIN = "demo-constabulary.example"
