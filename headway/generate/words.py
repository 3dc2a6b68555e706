"""Vocabulary for generated workspaces: company names, titles, deals, reasons.

Company names are drawn without repeats from first word × trade × legal form (139 × 44 × 19,
about 116k combinations), so a search for "harbour" or "logistics" finds a realistic share
of accounts (hundreds to thousands in 100k), and a full name finds one or a few.
"""

from __future__ import annotations

FIRST_WORDS = (
    "Alder", "Amber", "Anchor", "Apex", "Arden", "Ashford", "Aspen", "Atlas", "Aurora",
    "Avalon", "Bayside", "Beacon", "Birch", "Blackwater", "Bluebell", "Bramble", "Bridgeway",
    "Brookfield", "Cairn", "Calder", "Cambria", "Canyon", "Cedar", "Chiltern", "Clearwater",
    "Clifton", "Coastal", "Cobalt", "Copper", "Cotswold", "Crescent", "Crown", "Dale", "Delta",
    "Derwent", "Dovetail", "Eagle", "Eastfield", "Elbe", "Elmstead", "Ember", "Evergreen",
    "Fairway", "Falcon", "Fenland", "Fernhill", "Fjord", "Foxglove", "Frontier", "Glacier",
    "Glenmore", "Granite", "Greenway", "Grove", "Hanover", "Harbour", "Harvest", "Hawthorn",
    "Heather", "Highland", "Hillcrest", "Horizon", "Humber", "Iron", "Isar", "Ivybridge",
    "Juniper", "Kestrel", "Kingfisher", "Lakeside", "Lantern", "Larch", "Lindenhof",
    "Lowland", "Main", "Maple", "Marlow", "Meadow", "Medway", "Meridian", "Millbrook",
    "Mosel", "Neckar", "Northgate", "Northwind", "Oakridge", "Ocean", "Orchard", "Orion",
    "Osprey", "Pembroke", "Pennine", "Pinecrest", "Polar", "Prairie", "Quarry", "Quayside",
    "Raven", "Redwood", "Rhein", "Ridgeway", "Riverside", "Rowan", "Saffron", "Salt Marsh",
    "Sandstone", "Severn", "Silverline", "Solent", "Southbank", "Spree", "Springfield",
    "Starling", "Stonebridge", "Summit", "Swallow", "Tamar", "Thames", "Thistle", "Timber",
    "Trent", "Tudor", "Union", "Upland", "Vale", "Vantage", "Weser", "Westbrook", "Wharf",
    "Whitby", "Willow", "Windmill", "Wolds", "Woodland", "Wren", "Wye", "Yarrow", "York",
    "Zenith",
)  # fmt: skip

TRADES = (
    "Bakeries", "Biotech", "Blood Services", "Brewing", "Care Homes", "Catering", "Chemicals",
    "Clinics", "Cold Storage", "Creamery", "Dairy", "Diagnostics", "Distribution", "Farms",
    "Fisheries", "Florists", "Foods", "Fresh Produce", "Freight", "Frozen Foods", "Grocers",
    "Health", "Hospital Trust", "Hotels", "Ice Cream", "Kitchens", "Labs", "Logistics",
    "Markets", "Meat Packers", "Medical", "Nutrition", "Pharma", "Pharmacies", "Poultry",
    "Research", "Restaurants", "Seafood", "Supermarkets", "Transport", "Vaccines",
    "Veterinary", "Warehousing", "Wholesale",
)  # fmt: skip

LEGAL_FORMS = (
    "Ltd", "GmbH", "Inc.", "LLC", "AG", "plc", "Group", "& Co", "Partners", "KG", "Co-op",
    "Holdings", "Services", "International", "UK", "Europe", "North", "Trading", "",
)  # fmt: skip

INDUSTRIES = (
    "Food production", "Pharmaceuticals", "Logistics", "Healthcare", "Hospitality", "Retail",
    "Research", "Agriculture",
)  # fmt: skip

LOCALES = ("uk", "de", "us")
TIME_ZONES = {"uk": "Europe/London", "de": "Europe/Berlin", "us": "America/New_York"}
CURRENCIES = {"uk": "GBP", "de": "EUR", "us": "USD"}
TLDS = {"uk": "co.example", "de": "de.example", "us": "example"}

TITLES = {
    "executive": (
        "Managing Director", "Chief Executive", "Chief Operating Officer", "Finance Director",
        "Head of Operations", "Site Director",
    ),
    "management": (
        "Quality Manager", "Facilities Manager", "Logistics Manager", "Procurement Manager",
        "IT Manager", "Compliance Manager", "Lab Manager",
    ),
    "operational": (
        "Warehouse Supervisor", "Lab Technician", "Shift Lead", "Quality Technician",
        "Maintenance Engineer", "Dispatch Coordinator", "Pharmacist",
    ),
}  # fmt: skip

DEAL_PRODUCTS = (
    "Cold-room monitoring", "Sensor rollout", "Calibration contract", "Alarm service renewal",
    "Fleet temperature logging", "Lab freezer monitoring", "Pharmacy fridge sensors",
    "Validation package", "Gateway upgrade", "Support extension",
)  # fmt: skip

DEAL_SITES = (
    "main site", "north depot", "south depot", "central kitchen", "head office", "new wing",
    "second warehouse", "all stores", "the lab", "phase 2",
)  # fmt: skip

COMPETITORS = (
    "Frostline", "ThermoGuard", "ColdSense", "Polar Metrics", "Kelvin Systems", "IceTrack",
    "Sensorium", "Chillwatch",
)  # fmt: skip

ALTERNATIVES = ("Paper logs", "An in-house spreadsheet", "Their building management system")

LOST_REASONS = (
    "Price: their offer was 15% below ours for the first year.",
    "They wanted a single supplier for sensors and the building system.",
    "Our installation window did not fit their audit date.",
    "The new quality manager had used the other product before.",
    "Budget frozen until next financial year; they will keep paper logs for now.",
    "Their IT team preferred an on-premise gateway.",
    "We could not show a reference in their sector.",
)
