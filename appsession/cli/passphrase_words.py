"""Words for generated passphrases: 512 short French and English words, ASCII only.

512 words give 9 bits each, so five words hold 45 bits: plenty against guessing through the
vault's memory-hard key derivation (about half a second per guess), and easy to type on any
keyboard. Letters without accents so that no keyboard layout or input method gets in the way.
"""

from __future__ import annotations

_LIST = """
abeille abricot acier acorn aiguille ailleurs airelle albatros almond alouette amande ambre
amiral ananas anchor ancre anguille anneau antenne antler apple apron arbre arche ardoise argent
argile armoire arrosoir arrow artichaut aspen atelier attic aubergine aurore autruche autumn
avalanche aviron avoine azur badger badiane baguette bakery balcon baleine balloon bamboo bambou
banane banjo banquise barley barque basket bassin bateau baudet beacon beaver beetle belette
berceau bergerie berry betterave biche bijou birch biscuit blanket blason bleuet blossom bobine
bocal bois bougie bouleau boussole bramble brebis breeze bridge brindille brioche brise brochet
brook brouillard bruyere bucket buffalo buisson bumble butter button cabane cabin cactus cadran
caillou calepin camel camion canard candle canne canoe canot cantal canyon capuche caramel
carnet carotte carpet carrosse carrot cascade castle castor cedar cellar cerise chalet chalk
chameau chamois chandelle chanson chardon chariot chataigne chaton chemin cheminee chene
chenille cherry cheval chevre chimney chouette cigale cigogne cinnamon citron citrouille
clairiere clocher clover cobble coccinelle cocoa colline comet comete compas concombre copper
coquelicot coral corbeau corde cornichon coton cotton coussin cowboy cradle crane crayon crepe
cricket criquet cristal crystal cygne cypress daisy dauphin dentelle desert dolphin domino
donkey dragon drizzle dromadaire dune eagle ecureuil edredon eglantine ember encre epice epinard
erable escargot etoile falcon faucon feather fenetre fennel fenouil fern ferry feuille fiddle
figue fjord flamant flannel flocon fontaine forest foret fossil fougere fountain fourmi
framboise frelon fromage fusee galet garden gardon garlic gaufre gazelle genet geyser ginger
girafe glacier gland goeland gomme goose gorille goujon gourde grange granit granite grape
gravel grenier grenouille griotte grive groseille guitare hamac hameau harbor haricot harvest
hazel hedge herisson heron hibou hickory hill hirondelle honey horloge hornet houblon houx
iceberg igloo iris island ivory jacket jaguar jardin jasmin jelly jigsaw jonquille juniper
kettle kitten kiwi koala ladder lagoon lagune laitue lampion lantern lanterne lapin lavande
lecture legume lemon lentil lettuce lezard libellule lierre lilac lilas limace linen linotte
lizard lobster locket loutre luciole lutin lynx mandarine manege maple marble marmotte marron
meadow melon merle mesange meteor meule miel mimosa mitten moineau monkey montagne moose mosaic
mouette moulin muffin muguet mulot mushroom myrtille navet nectar needle neige noisette nuage
nugget nutmeg oasis oatmeal ocean octopus olive olivier ombrelle onion orage orange orbit
orchard orchidee ortie otter ourson paddle palmier panda panier papillon parapluie parsley
pastel pebble pelican pepper perdrix perle persil petale phare piano pickle pigeon pillow piment
pinceau pine pingouin pirogue pistache planet plateau plum plume pocket poire poisson pomme pony
poppy potato potiron poulain prairie pretzel prune puffin puits pumpkin puppet quail quartz
quilt rabbit radis radish rainbow raisin raven renard requin ribbon river robin rocher rocket
roseau rossignol rouge rubis ruisseau sable saddle safran salade salmon sandal sapin sardine
sauge saule serpent sirop soleil sorbet source sparrow spider spruce squirrel stone straw sugar
summer sunset swan tambour tapis teapot theiere thistle thunder tiger tilleul timber toast
tomate topaz tortue toupie tournesol tracteur tractor trefle trumpet tulip tulipe turnip turtle
valley vallon vanille velo velvet verger violette violin voilier volcan wagon walnut walrus
whale willow window winter wizard yaourt yarn zebre zephyr zipper
"""

WORDS: tuple[str, ...] = tuple(_LIST.split())
