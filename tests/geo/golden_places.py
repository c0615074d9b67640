"""Tricky place mentions, written for marsad's tests (not taken from any dataset).

Each case: (text, expected) where expected is a list of
(mention substring, latitude, longitude, tol_km, geo_precision) for the places
that must be found, in order; `None` as latitude means "this mention must not
become a place".  Points are approximate centres; tolerances say how close.
"""
CASES = [
    # transliteration variants
    ("Regime warplanes struck Deir ez-Zor on Monday.", [("Deir ez-Zor", 35.33, 40.14, 10, 1)]),
    ("ISIS fighters attacked army posts in Dayr az Zawr.", [("Dayr az Zawr", 35.33, 40.14, 10, 1)]),
    ("Shells fell on Deir Ezzor city overnight.", [("Deir Ezzor", 35.33, 40.14, 10, 1)]),
    ("Coalition jets bombed Raqqah again.", [("Raqqah", 35.95, 39.01, 10, 1)]),
    ("An explosion shook Ar-Raqqa on Friday.", [("Ar-Raqqa", 35.95, 39.01, 10, 1)]),
    ("Protesters gathered in Hassakeh.", [("Hassakeh", 36.50, 40.75, 10, 1)]),
    ("A car bomb in Kamishli killed three people.", [("Kamishli", 37.05, 41.23, 10, 1)]),
    ("The town of Ma'arrat al-Nu'man was shelled.", [("Ma'arrat al-Nu'man", 35.64, 36.67, 10, 1)]),
    ("Warplanes hit Sheikh Miskeen in the Daraa countryside.",
     [("Sheikh Miskeen", 32.83, 36.16, 10, 1), ("Daraa", 32.62, 36.10, 10, 2)]),
    ("Clashes erupted in Jisr al-Shughur.", [("Jisr al-Shughur", 35.81, 36.32, 10, 1)]),
    ("Kurdish fighters entered Kobani.", [("Kobani", 36.89, 38.35, 10, 1)]),
    ("Two civilians died in Idleb city.", [("Idleb", 35.93, 36.63, 10, 1)]),
    # relations: precision 2 at the named place
    ("Shelling on the western countryside of Aleppo killed two.", [("Aleppo", 36.20, 37.16, 10, 2)]),
    ("Airstrikes hit the Idlib countryside.", [("Idlib", 35.93, 36.63, 10, 2)]),
    ("Fighting continued east of Hama.", [("Hama", 35.13, 36.75, 10, 2)]),
    ("A mine exploded near Tal Abyad.", [("Tal Abyad", 36.70, 38.95, 10, 2)]),
    ("Clashes on the outskirts of Al-Bab.", [("Al-Bab", 36.37, 37.52, 10, 2)]),
    ("An IED hit a convoy on the road to Palmyra.", [("Palmyra", 34.56, 38.27, 10, 2)]),
    ("Fighting raged between Manbij and Jarablus.", [("Manbij and Jarablus", 36.67, 37.98, 15, 2)]),
    # governorates and countries: precision 3 at the centre
    ("Three soldiers died in Daraa province.", [("Daraa", 32.62, 36.10, 10, 3)]),
    ("Clashes spread across Idlib governorate.", [("Idlib", 35.93, 36.63, 10, 3)]),
    ("Raids were reported in Rif Dimashq.", [("Rif Dimashq", 33.57, 36.40, 15, 3)]),
    ("Iraqi forces advanced in Salahuddin province.", [("Salahuddin", 34.61, 43.68, 15, 3)]),
    ("The ministry said Syria would respond.", [("Syria", 33.51, 36.29, 10, 3)]),
    ("Iran condemned the strike.", [("Iran", 35.69, 51.42, 15, 3)]),
    # what other countries call a district: the district, at precision 2
    ("Kenyan police said an IED hit a patrol in Mandera County on Monday.",
     [("Mandera", 3.44, 40.74, 10, 2)]),                    # the county, not Mandera town on the border
    ("Nigerian officials said gunmen killed five farmers in Konduga LGA on Friday.",
     [("Konduga", 11.61, 13.10, 10, 2)]),
    ("Gunmen killed four in a village of Bankass cercle, Malian officials said.",
     [("Bankass", 13.66, -3.61, 10, 2)]),
    # wire style puts the day right after the place: it is no part of the name
    ("Gunmen killed two men near Kismayo Monday, police said.", [("Kismayo", -0.36, 42.55, 10, 2)]),
    ("Yemeni officials said Houthi fighters shelled Hays Thursday night.", [("Hays", 13.93, 43.48, 10, 1)]),
    # "Congo" in conflict reporting is the Democratic Republic (wire style), never El Congo abroad
    ("Rebels attacked an army base in eastern Congo on Monday.", [("Congo", -4.33, 15.31, 15, 3)]),
    # unknown villages keep their name at the enclosing place
    ("Gunmen raided the village of Ali Al-Sadoun in the Khaniqin district of Diyala.",
     [("Ali Al-Sadoun", 34.39, 45.30, 3, 1)]),      # a village of the built-in places
    ("Gunmen raided the village of Umm Qurainat in the Khaniqin district of Diyala.",
     [("Umm Qurainat", 34.35, 45.39, 10, 2)]),      # unknown: at the district named with it
    ("ISIS cells attacked the village of Zor Maghar Saghir in Hasakah province.",
     [("Zor Maghar Saghir", 36.50, 40.75, 10, 3)]),
    ("Shepherds were killed in Qarat Tawil village near Manbij.", [("Qarat Tawil", 36.53, 37.95, 10, 2)]),
    # namesakes: the article's context decides
    ("Lebanese troops clashed with gunmen in Tripoli.", [("Tripoli", 34.43, 35.84, 10, 1)]),
    ("In Libya, militias fought in Tripoli overnight.", [("Tripoli", 32.89, 13.19, 15, 1)]),
    ("In Iraq, two bombs exploded in Tikrit.", [("Tikrit", 34.61, 43.68, 10, 1)]),
    ("Police said two people were killed in Kirkuk.", [("Police", None, None, 0, 0), ("Kirkuk", 35.47, 44.39, 10, 1)]),
    ("On Sunday, gunmen attacked a checkpoint in Baqubah, Diyala.",
     [("Sunday", None, None, 0, 0), ("Baqubah", 33.75, 44.64, 10, 1)]),
    ("Al-Qaeda claimed the attack, the Army said.", [("Al-Qaeda", None, None, 0, 0), ("Army", None, None, 0, 0)]),
    ("More civilians fled Aleppo.", [("More", None, None, 0, 0), ("Aleppo", 36.20, 37.16, 10, 1)]),
    ("Turkish drones struck Afrin city.", [("Afrin", 36.51, 36.87, 10, 1)]),
    ("Mortar shells hit Ramadi in Anbar province.",
     [("Ramadi", 33.42, 43.30, 10, 1), ("Anbar", 33.42, 43.30, 15, 3)]),
    ("Syrian jets bombed the town of Maaret al-Numan in Idlib.", [("Maaret al-Numan", 35.64, 36.67, 10, 1)]),
    # other conflicts
    ("A suicide bomber struck Kabul, Afghanistan.", [("Kabul", 34.53, 69.17, 10, 1)]),
    ("Taliban fighters attacked Kandahar.", [("Kandahar", 31.61, 65.71, 10, 1)]),
    ("Al-Shabaab shelled Mogadishu.", [("Mogadishu", 2.04, 45.34, 10, 1)]),
    ("Boko Haram attacked Maiduguri in Borno State.",
     [("Maiduguri", 11.85, 13.16, 10, 1), ("Borno", 11.85, 13.16, 15, 3)]),
    ("Houthi forces shelled Hodeidah, Yemen.", [("Hodeidah", 14.80, 42.95, 10, 1)]),
    ("Missiles hit Kharkiv, Ukrainian officials said.", [("Kharkiv", 50.00, 36.23, 10, 1)]),
    ("Israeli strikes hit Gaza.", [("Gaza", 31.50, 34.47, 15, 1)]),
    ("Clashes broke out in Benghazi, Libya.", [("Benghazi", 32.12, 20.07, 10, 1)]),
    ("Regime forces entered the Eastern Ghouta.", [("Eastern Ghouta", 33.56, 36.40, 15, 1)]),
    ("Russian airstrikes killed five in Douma.", [("Douma", 33.57, 36.40, 10, 1)]),
    ("BAGHDAD: Security forces closed roads.", [("BAGHDAD", 33.34, 44.40, 10, 1)]),
    # foreign namesakes and words that are not places
    ("ERBIL, Kurdistan Region - Two Peshmerga were killed in Kifri, south of Kirkuk.",
     [("Kurdistan", None, None, 0, 0), ("Kifri", 34.69, 44.96, 10, 1)]),
    ("Zhelwan Wali reported that mortars hit Tuz Khurmatu.",
     [("Wali", None, None, 0, 0), ("Tuz Khurmatu", 34.88, 44.63, 10, 1)]),
    ("Iraqi troops searched the hills of Khana north of Baqubah after the attack in Diyala.",
     [("Khana", None, None, 0, 0), ("Baqubah", 33.75, 44.64, 10, 2)]),
    ("CLASHES IN ALEPPO AS REGIME SHELLS DOUMA", [("ALEPPO", 36.20, 37.16, 10, 1), ("DOUMA", 33.57, 36.40, 10, 1)]),
    ("example.org/news/clashes-in-the-western-countryside-of-daraa-today",
     [("daraa", 32.62, 36.10, 10, 2)]),
    # villages of the built-in village-level places (GeoNames via Who's On First), several wars
    ("Al-Shabaab fighters stormed an army base in Bariire in Lower Shabelle on Monday.",
     [("Bariire", 2.05, 44.90, 5, 1)]),
    ("Israeli strikes hit Aitaroun in south Lebanon on Friday.", [("Aitaroun", 33.12, 35.47, 5, 1)]),
    ("Jihadists attacked Djibo in Soum province, Burkina Faso, killing 12 soldiers.",
     [("Djibo", 14.10, -1.63, 5, 1)]),
    ("Taliban fighters overran the Obe district of Herat province.", [("Obe", 34.36, 63.25, 10, 2)]),
    ("Houthi drones struck the al-Juba district of Marib governorate.", [("al-Juba", 15.16, 45.28, 10, 2)]),
    ("RSF fighters looted Wad Madani in Gezira state.", [("Wad Madani", 14.40, 33.52, 5, 1)]),
    ("Regime shells hit Al-Qouriya countryside, east of Deir Ezzor.", [("Al-Qouriya", 34.96, 40.54, 5, 2)]),
    # Arabic-derived spellings of one village
    ("ISIS cells attacked a checkpoint in Ayyash, west of Deir Ezzor.", [("Ayyash", 35.36, 40.03, 10, 1)]),
    # namesakes: the governorate or district named next to the name picks one
    ("Gunmen abducted two herders in Ungwan Dogo, Kaduna State.", [("Ungwan Dogo", 9.11, 8.18, 10, 1)]),
    # unknown villages keep their name at the area the text gives (never dropped)
    ("Gunmen killed two traders in Tindikoro, Mali, on Friday.", [("Tindikoro", 12.61, -7.98, 15, 3)]),
    ("Gunmen killed two traders in Tindikoro, Mopti region, on Friday.", [("Tindikoro", 14.48, -4.18, 15, 3)]),
    ("Fighters clashed near Tindikoro, 20 km north of Mopti, Mali.", [("Tindikoro", 14.48, -4.18, 10, 2)]),
    ("ADF rebels killed 20 villagers in Vido village, Beni territory, North Kivu.",
     [("Vido", 0.49, 29.47, 10, 2)]),
    ("Insurgents burned homes in Machava village in Nangade district, Cabo Delgado.",
     [("Machava", -11.16, 39.78, 10, 2)]),
    # people named like villages are no places
    ("Khalil Ibrahim, a local commander, was killed in Baqubah, Diyala.",
     [("Khalil Ibrahim", None, None, 0, 0), ("Baqubah", 33.75, 44.61, 10, 1)]),
    ("Sheikh Ibrahim told reporters in Tikrit that the attack had been repelled.",
     [("Sheikh Ibrahim", None, None, 0, 0), ("Tikrit", 34.62, 43.68, 10, 1)]),
    ("Police said Mustafa was arrested in Kirkuk.", [("Mustafa", None, None, 0, 0), ("Kirkuk", 35.47, 44.39, 10, 1)]),
    ("The statement was signed by Hayyaat Tahrir al-Sham in Idlib.", [("Hayyaat", None, None, 0, 0)]),
    ("Turkish drones struck the city of Qamishlo (Qamishli) in northeast Syria.",
     [("Qamishli", 37.05, 41.23, 10, 1)]),
    ("Six civilians died on Monday in an attack in Sima, in Yatenga province, the source said.",
     [("Sima", 13.60, -2.38, 10, 2)]),     # Sima exists, but not in Yatenga: the name at the province
    ("The soldiers were attacked near Garbougna, a village in the Tillaberi area, near the border of Mali.",
     [("Garbougna", 14.58, 1.36, 15, 2)]),
    ("Myanmar army jets bombed Nyaung Kone village in Sagaing Region.",
     [("Nyaung Kone", 24.17, 95.32, 15, 3)]),     # never the Nyaung Gon of Yangon
    # many villages of one name in one state: the narrowest area the text gives, not a guess
    ("ISWAP launched a pre-dawn attack on Sunday at the Sabon Gari camp in Borno State's Damboa area.",
     [("Sabon Gari", 11.16, 12.76, 10, 2)]),
    # a headline in the present tense puts the act in the place too (the outlet gives the country)
    ("Syrian warplanes target Turmanin and cause casualties.", [("Turmanin", 36.23, 36.82, 5, 1)]),
]
