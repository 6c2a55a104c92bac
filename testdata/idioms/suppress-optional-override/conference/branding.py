SITE_NAME = "Call for Papers"
BRAND_COLOUR = "#3aa57c"
