"""Word lists the scrubber uses: which words are everyday, which are roles, titles, places.

Lower case. Lists of single words are split on white space; lists of phrases on commas.
Kept apart from ``scrub`` so the rules stay readable and the lists easy to extend.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _phrases(text: str) -> frozenset[str]:
    return frozenset(" ".join(p.split()) for p in text.split(",") if p.strip())


FUNCTION = _words("""
a an the and or but so if then than that thats that's this these those there theres here
i me my mine myself we us our ours you your yours u ur he him his she her hers it its it's they
them their theirs im i'm ive i've id i'd ill i'll is am are was were be been being do does did
done has have had having will would shall should can could may might must not no yes yeah yh ye
yep nah to of in on at by for from with without about into onto over under up down out off
through after before since until till while when where what which who whom whose why how all
any some every each both either neither none nobody nothing someone somebody something anyone
anybody anything everyone everybody everything just only also too very really even still again
always never ever sometimes often like as because cos coz cuz bc said says say told tell asked
ask get got gets go goes went gone come came comes dont don't didnt didn't doesnt doesn't cant
can't wont won't isnt isn't wasnt wasn't ok okay please thanks thank sorry hi hello hey dear
whenever wherever though although unless whether more most less least much many lot lots
""")
TITLES = _words("mr mrs ms mx miss dr sir mister missus prof mrs. mr. ms. dr. master")
STRONG_TITLES = _words("mr mrs ms mx dr mister missus prof")
ROLE = _words("""
worker workers sw sws keyworker carer carers mum mam mom mummy mommy mother dad daddy father
stepmum stepdad stepmom stepbrother stepsister brother bro bruv sister sis cousin auntie aunty
aunt uncle nan nana nanny gran granny grandma grandad grandpa grandmother grandfather friend
mate bestie bff bf gf boyfriend girlfriend partner teacher tutor iro advocate mentor pa adviser
advisor counsellor counselor therapist nurse doctor officer manager headteacher head senco coach
neighbour guardian son daughter niece nephew foster-mum foster-dad
""")
POSSESSIVES = _words("my ma mah me our")
NAME_CUES = _words("named names nicknamed aka")
NAME_CUE_PAIRS = frozenset(
    [("name", "is"), ("name", "was"), ("names", "is"), ("known", "as"), ("goes", "by"),
     ("go", "by"), ("call", "her"), ("call", "him"), ("call", "them")]
)  # fmt: skip
AFTER_NAME = _words("and but or is was who has had says said lives helps")
CALLED = _words("called calld callled caled")
PLACE_PREPS = _words("in from near nr around round outside")

# Words that look like names to the rules above but are services, brands, days, subjects...
KEEP = _words("""
childline nspcc camhs ofsted iro iros nhs gp gps cafcass barnardos barnardo kooth shout samaritans
youngminds mind coram become voice catch22 mencap papyrus council police yot cla lac cin sen send
senco ehcp adhd asd ocd ptsd gcse gcses btec a-levels ucas ofqual dfe dwp hmrc dvla ao bbc itv
snapchat snap instagram insta tiktok youtube facebook whatsapp discord twitter reddit twitch
xbox playstation nintendo switch fortnite roblox minecraft fifa netflix spotify google zoom teams
iphone ipad android samsung apple mcdonalds maccies kfc nandos greggs tesco asda aldi lidl primark
christmas xmas easter eid ramadan diwali halloween hanukkah vaisakhi bonfire
monday tuesday wednesday thursday friday saturday sunday mon tues wed thurs fri sat sun
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
english maths math science history geography french spanish german art music drama pe re ict
computing biology chemistry physics psychology sociology
britain british england scotland wales welsh scottish irish ireland uk europe european
poland polish romania romanian pakistan pakistani india indian bangladesh bangladeshi
afghanistan afghan syria syrian eritrea eritrean sudan sudanese albania albanian nigeria
nigerian ghana ghanaian somalia somali iran iranian iraq iraqi kurdish jamaica jamaican
vietnam vietnamese africa african asian arab arabic urdu punjabi bengali
muslim christian islam jesus god allah bible quran mosque church catholic jewish sikh hindu
covid corona lockdown ok okay tbh idk spain france italy germany portugal greece turkey
america usa canada australia china japan egypt morocco kenya zimbabwe congo ethiopia lithuania
latvia slovakia czech hungary bulgaria ukraine russia brazil mexico florida tenerife majorca
ibiza benidorm disneyland europe
""")
LA_WORDS = _words("""
barking dagenham barnet barnsley bath somerset bedford bexley birmingham blackburn darwen
blackpool bolton bournemouth christchurch poole bracknell bradford brent brighton hove bristol
bromley buckinghamshire bury calderdale cambridgeshire camden bedfordshire cheshire chester
cornwall coventry croydon cumberland cumbria darlington derby derbyshire devon doncaster dorset
dudley durham ealing yorkshire sussex enfield essex gateshead gloucestershire greenwich hackney
halton hammersmith fulham hampshire haringey harrow hartlepool havering herefordshire
hertfordshire hillingdon hounslow wight scilly islington kensington chelsea kent hull kingston
kirklees knowsley lambeth lancashire leeds leicester leicestershire lewisham lincolnshire
liverpool luton manchester medway merton middlesbrough milton keynes newcastle newham norfolk
lincolnshire northamptonshire northumberland tyneside nottingham nottinghamshire oldham
oxfordshire peterborough plymouth portsmouth reading redbridge redcar cleveland richmond
rochdale rotherham rutland salford sandwell sefton sheffield shropshire slough solihull
gloucestershire southampton southend southwark helens staffordshire stockport stockton tees
stoke trent suffolk sunderland surrey sutton swindon tameside telford wrekin thurrock torbay
tower hamlets trafford wakefield walsall waltham wandsworth warrington warwickshire berkshire
westminster westmorland furness wigan wiltshire windsor maidenhead wirral wokingham
wolverhampton worcestershire york london midlands lancs yorks tyne wear
""")
TOWNS = _phrases("""
huddersfield, halifax, keighley, dewsbury, batley, pontefract, castleford, ilkley, otley,
pudsey, morley, harehills, chapeltown, headingley, armley, beeston, seacroft, gipton, hunslet,
holbeck, bramley, horsforth, garforth, rothwell, wetherby, shipley, bingley, saltaire,
brighouse, todmorden, hebden bridge, elland, sowerby bridge, mirfield, holmfirth, ossett,
normanton, featherstone, hemsworth, knottingley, moss side, hulme, rusholme, longsight,
levenshulme, didsbury, chorlton, wythenshawe, ancoats, cheetham hill, crumpsall, gorton,
eccles, swinton, stretford, sale, altrincham, urmston, hyde, ashton-under-lyne, ashton,
stalybridge, middleton, heywood, radcliffe, farnworth, horwich, leigh, atherton, toxteth,
anfield, kirkby, huyton, bootle, birkenhead, wallasey, southport, widnes, runcorn, aston,
handsworth, small heath, sparkbrook, erdington, edgbaston, selly oak, kings heath, moseley,
balsall heath, northfield, sutton coldfield, smethwick, west bromwich, oldbury, tipton,
wednesbury, bilston, willenhall, bloxwich, stourbridge, halesowen, brierley hill, brixton,
peckham, tottenham, dalston, stratford, walthamstow, leyton, ilford, romford, streatham,
clapham, camberwell, deptford, woolwich, catford, edmonton, wembley, harlesden, kilburn,
holloway, finsbury park, whitechapel, poplar, canning town, east ham, west ham, plaistow,
southall, acton, byker, jarrow, hebburn, south shields, wallsend, whitley bay, cramlington,
blyth, ashington, billingham, thornaby, seaham, peterlee, consett, chester-le-street, bishop
auckland, scunthorpe, grimsby, cleethorpes, goole, selby, harrogate, ripon, scarborough,
whitby, skipton, mexborough, worksop, mansfield, chesterfield, ilkeston, long eaton, hucknall,
loughborough, hinckley, coalville, kettering, corby, wellingborough, rushden, daventry, banbury,
bicester, witney, abingdon, didcot, aylesbury, high wycombe, chesham, amersham, bletchley,
wolverton, dunstable, leighton buzzard, hitchin, stevenage, letchworth, harlow, basildon,
billericay, chelmsford, colchester, clacton, braintree, grays, tilbury, canvey, rayleigh,
margate, ramsgate, broadstairs, dover, folkestone, ashford, maidstone, gillingham, chatham,
rochester, sittingbourne, gravesend, dartford, sevenoaks, tonbridge, crawley, horsham, worthing,
bognor, chichester, eastbourne, hastings, bexhill, lewes, guildford, woking, camberley,
farnborough, aldershot, basingstoke, andover, winchester, eastleigh, fareham, gosport, havant,
waterlooville, ryde, salisbury, chippenham, trowbridge, yeovil, taunton, bridgwater,
weston-super-mare, clevedon, keynsham, glastonbury, frome, exmouth, barnstaple, newton abbot,
torquay, paignton, falmouth, truro, penzance, camborne, redruth, newquay, st austell, bodmin,
weymouth, dorchester, bridport, cheltenham, stroud, tewkesbury, cirencester, redditch,
bromsgrove, kidderminster, evesham, malvern, leominster, ludlow, oswestry, shrewsbury, crewe,
nantwich, macclesfield, congleton, northwich, winsford, ellesmere port, burnley, accrington,
colne, chorley, leyland, preston, lancaster, morecambe, fleetwood, lytham, skelmersdale,
ormskirk, barrow, kendal, workington, whitehaven, penrith, carlisle, rugby, nuneaton, bedworth,
leamington, warwick, stratford-upon-avon, tamworth, lichfield, cannock, burton, stafford,
newcastle-under-lyme, hanley, longton, burslem, kidsgrove, uttoxeter, buxton, glossop, matlock,
belper, ripley, swadlincote, grantham, boston, spalding, skegness, louth, gainsborough, stamford,
kings lynn, great yarmouth, lowestoft, ipswich, bury st edmunds, felixstowe, haverhill, thetford,
dereham, cromer, wisbech, march, huntingdon, st neots, ely, st ives, hemel hempstead, watford,
st albans, hatfield, welwyn, borehamwood, cheshunt, hoddesdon, bishops stortford, stanford,
bracknell, newbury, wokingham, maidenhead, thatcham, hastings, seacroft, beckhill, meanwood,
kirkstall, burley, hyde park, little london, lincoln green, belle isle, middleton, gildersome,
st helier, jaywick, gorleston, sheerness, whitstable, herne bay, deal, hythe, rye
""")
SAINTS = _words("st st. saint")
SCHOOL_WORDS = _words("""
academy academies primary secondary high college school grammar infants infant junior juniors
comprehensive prep pru university uni
""")
SCHOOL_JOINERS = _words("st saint of c e ce rc and")
GENERIC_SCHOOL = _words("""
new old big little local special boarding private state faith catholic church village girls
boys girl boy nursery sixth form normal mainstream other next last first same different current
previous another whole own real proper good bad best worst rubbish main free community
alternative residential independent secondary primary high junior infant middle upper lower
year term day night summer sunday
""")
GENERIC_STREETS = _phrases("high, main, the high, the main")
TIME_WORDS = _words("""
day days week weeks wk wks month months year years yr yrs hour hours hr hrs minute minutes min
mins second seconds sec secs time times night nights term terms fortnight fortnights decade
decades weekend weekends am pm o'clock oclock
""")
POSTCODE_AREAS = _words("""
AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH
EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M
ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS
ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE
""")
POSTCODE_LOOKALIKES = _words("PE CV HD CH TA GU")
# Help and emergency numbers, digits only: not personal, so never replaced.
HELPLINES = _words("08001111 08088005000 116123 116111")
SERVICE_DOMAINS = _words("""
childline.org.uk nspcc.org.uk gov.uk kooth.com youngminds.org.uk nhs.uk bbc.co.uk
samaritans.org barnardos.org.uk coramvoice.org.uk ofsted.gov.uk mind.org.uk
""")

# British, care-system and chat words missing from the (American) Dale-Chall list.
EVERYDAY = _words("""
text channel channels profile username account accounts personal visitor visitors lodging hub youth centre centres unfortunately fortunately
mum mums mam mams nan telly mate mates rubbish reckon fortnight sorted gutted skint knackered
brilliant quid bloke lad lads lass lush mint carer carers foster fostering fostered placement
placements respite residential unit semi independent supported lodgings contact review reviews
meeting meetings plan pathway adopted adoption adoptive social services council counselling
counsellor therapy therapist anxiety anxious depression depressed autism autistic dyslexia
dyslexic harm harming overdose suicidal bullied bullying excluded exclusion isolation detention
behaviour exams revision homework timetable lessons uniform canteen deputy assistant diagnosis
medication meds appointment appointments referral referred assessment assessed court judge
solicitor magistrate probation hostel homeless bedsit keyworker advocacy honestly literally
basically actually probably definitely absolutely seriously anyway whatever stuff worried scared
upset lonely stressed annoyed frustrated confused ignored forgotten unfair rude horrible awful
amazing awesome weird boring embarrassed nervous unsafe supportive understand explain decide
decision opinion views choice changed apparently supposed promise promised cancelled
rearranged reschedule rescheduled late early months weeks ages forever phone phones laptop wifi
online internet texts texting messaged message messages email emails video calls cared caring
listened listening listens understood helpful unhelpful useful useless pointless stressful
difficult different struggle struggling struggled rang ringing mental health emotional trauma
safeguarding neglect abuse abused abusive violence violent domestic siblings sibling teenager
teenagers children kids kid child teen teens staff manager managers agency professionals
paperwork system waiting list lists delay delayed delays ongoing current previous
transition transfer moved moving move independence independent college university uni sixth
primary secondary academy nursery reception headteacher teaching assistant support worker
workers allowance pocket budget bus pass travel transport taxi driver lift lifts bedroom
brothers sisters sis bro grandparents relatives family families birth parents parent guardian
nephew niece cousin cousins auntie aunty uncle step stepmum stepdad stepbrother stepsister
halfbrother halfsister chat chatting chatted talk talked talking literally proper properly
""")
SLANG = _words("""
dont didnt doesnt cant wont isnt wasnt arent werent couldnt wouldnt shouldnt aint havent hasnt
hadnt im ive id ill youre theyre theyve weve wed thats whats wheres hows whos lets cos coz cuz
bc bcos bcoz becuz becos becuase beacuse becasue tho thou tbh idk idc ngl rly realy relly alwys
allways nvr neva gonna gna gunna wanna gotta kinda sorta lol lmao omg pls plz ppl sum sumthing
smth sumone nuffin nothin nthn nthng evry evrything evryone ur u r y n wen wot wat ya yh ye
yeah yea yep nah nope innit init bruv fam defo proper dunno shud wud cud shudnt wudnt cudnt b4
gr8 m8 l8r k kk sry soz thx ty cba fr lowkey deadass srsly obvs prob probs wiv wid dat dis da
dem dey skool skl teachr techer sosial socail soshal wrker worka carers carer's mums dads
anyways alot abit aswell infact ofc tho thru sumtimes somtimes sometime nevr realise realised
realize realized favourite colour behaviour neighbour organised apologise apologised
smh wow ffs oml wtf idek hiya heya yo oi ahh aww meh ugh hmm um umm erm yeh ya'll yall bro bruh sis hun babe mate mates xx xxx lil
wasnt nobodys everyones somebodys ive'd dnt didnt wnt cnt shes hes theyd itll thatll
""")

FIRST_NAMES = _words("""
olivia amelia isla ava mia ivy lily isabella sophia grace freya emily poppy ella evie charlotte
florence sophie isabelle daisy alice phoebe harper willow sienna matilda elsie rosie evelyn
millie ruby chloe jessica lucy holly megan hannah lauren amy ellie katie bethany abigail leah
molly eva erin emma jasmine zara maisie imogen esme darcey darcy scarlett georgia paige caitlin
courtney shannon jade chelsea kayleigh kayla jodie demi tia tilly lexi lacey layla lola maya
aisha amira fatima maryam zainab hafsa khadija sana nadia yasmin ayesha amina inaya hania aleena
anaya priya simran jaspreet gurpreet harleen navneet kiran pooja riya sara sarah laura rebecca
natalie gemma stacey kirsty leanne hayley jenna kerry claire karen julie michelle nicola lisa
joanne donna tracey tracy sharon samantha kelly kim jo jenny jennifer helen rachel louise
victoria zoe amber bella nevaeh aaliyah keira kiera tiana destiny shanice chantelle precious
blessing favour esther deborah ruth naomi miriam agnieszka zuzanna julia maja natalia oliwia
wiktoria kasia ana maria elena ioana andreea bianca fiona shona morag siobhan niamh aoife ciara
orla roisin sinead tegan ffion cerys seren carys nia bronwen sian anwen lowri mared elin eleri
alisha tamsin tamara nikita roxanne kimberley charlie frankie alex sam jess beth becky becca
abbie abby libby gracie mollie tillie nancy connie edie aria luna nova hallie remi mary margaret
susan linda patricia elizabeth barbara debbie debra wendy angela janet jane carol pauline
christine jackie jacqueline denise diane dawn beverley bev lorraine mandy maxine yvonne sandra
sally anne annie kate kathryn catherine katherine kath cath lynn lynne gill gillian heather
jill toni shelley kirsten kerrie leigh lindsey lindsay danielle natasha tasha tash vicky vikki
stephanie steph hollie keeley kelsey brooke brooklyn summer skye sky ellis esmae harriet
lydia martha beatrice ivy thea orla elise eliza francesca gabriella gabby hazel heidi iris
jemima juliet lara madison maddison maddie maddy megan mya naomi nina olive penelope pippa
rhianna rihanna savannah serena stella tallulah violet zoey zoya ayla aimee alesha alicia
annabelle antonia aurora autumn bonnie carla cassie clara darcie demi-leigh eden eloise emilia
gracie-mae halle imani jorja kacey kaci kadie lacie lilly lily-mae lucie mabel macie maisy
marnie mckenzie melissa mila nadine nell nicole paris piper rebekah renee rosa ruby-mae sadie
shania sofia sonia talia tanya tayla taylor tegan tiffany tyler-rose valentina vanessa zaynab
oliver george harry noah jack leo arthur muhammad mohammed mohammad mohamed oscar jacob thomas
henry william freddie alfie theo archie joshua james ethan lucas logan mason isaac alexander
max finley riley teddy dylan harrison jaxon jayden jaden kai tyler callum connor liam kyle ryan
jordan lewis luke nathan daniel matthew joseph samuel benjamin adam jamie reece rhys owen evan
louis toby zach zachary ben tom josh dan danny jake jay aaron ashley bradley carl craig darren
dean gary jason lee mark neil paul scott shaun shane stuart wayne kevin steven stephen michael
david john peter richard robert andrew anthony christopher chris simon martin ian colin keith
graham nigel barry derek trevor alan brian terry dave steve mike rob andy tony jim jimmy billy
bobby kian keiran kieran kane tyrone jermaine marcus devon dwayne leon kyron ibrahim yusuf omar
ali hassan hussain ahmed ahmad abdul abdullah bilal hamza zain zayn ayaan rayyan idris imran
usman umar amir arjun aarav rohan ravi raj sanjay vikram harpreet gurdeep jaspal manpreet
sukhdeep jakub kacper szymon filip mateusz piotr kamil oskar dawid adrian bogdan andrei mihai
alexandru ionut emeka chidi tunde kwame kofi kwabena tobi femi dami segun ade kayode ola obi
mustafa mehmet emre ahmet jamal tariq khalid faisal nasir rashid declan ciaran sean seamus
padraig cormac oisin rory fergus hamish angus euan ewan fraser dafydd gethin iwan rhodri emrys
aled alfred albert edward edd eddie elliot elliott ellis ezra felix frederick gabriel hugo
hunter jenson jude kayden kenzie kobe leighton lenny leon lincoln louie luca marley mateo
maximilian miles milo nathaniel ollie otis reggie rocco ronnie rowan ruben rufus sebastian
seb sonny stanley sullivan tommy vincent zac zack zak brandon brendan cameron charles charley
cody curtis dale damian damien darius deacon dexter dominic dougie duncan eli ellis emmanuel
ernest harvey jenson jesse joel jonah jonathan jon jonny johnny joe joey jonty kacper keegan
kenneth kyle lennon lennox leyton lucca malachi mitchell morgan myles nico niall ollie patrick
phil philip phillip quentin ralph raymond ricky robbie roman ross russell ryley sammy saul
sid spencer taylor ted teddy theodore timothy tim tobias travis troy tristan vinnie warren
wesley will william wilf xavier zachariah kez jaz bex jonno robbo gaz daz shaz baz mo lil em
liv soph izzy lizzie benny stevie jayjay kj dj tj
""")
SURNAMES = _words("""
smith jones williams taylor brown davies evans wilson thomas johnson roberts robinson thompson
wright walker white edwards hughes green hall lewis harris clarke clark patel jackson wood
turner martin cooper hill ward morris moore lee king baker harrison morgan allen james scott
phillips watson davis parker price bennett young griffiths mitchell kelly cook carter
richardson bailey collins bell shaw murphy miller cox richards khan marshall anderson simpson
ellis adams singh begum wilkinson chapman powell webb rogers gray grey mason ali hunt hussain
campbell matthews owen palmer holmes mills barnes knight lloyd butler russell barker fisher
stevens jenkins murray dixon harvey graham pearson ahmed fletcher walsh kaur gibson howard
andrews stewart elliott reynolds saunders payne fox ford pearce brooks lawrence atkinson
bradley spencer gill dawson burton watts booth perry ryan grant wells armstrong francis rees
hayes hart hudson newman barrett webster hunter gregory carr lowe page marsh riley dunn woods
parsons berry stone reid holland hawkins harding porter robertson newton reed kennedy
williamson bird gardner shah dean lane cooke bates henderson parry burgess bishop walton burns
nicholson shepherd ross cross long freeman warren nicholls hamilton byrne sutton mcdonald yates
hodgson robson curtis hopkins o'connor harper coleman watkins moss mccarthy chambers o'neill
griffin sharp hardy wheeler potter osborne johnston gordon doyle wallace george jordan
hutchinson rowe burke pritchard gilbert willis higgins miah rahman islam uddin akhtar iqbal
mahmood hussein chaudhry choudhury malik mirza qureshi sheikh siddiqui bibi nowak kowalski
wisniewski wojcik kaminski lewandowski mensah okafor adeyemi okonkwo nguyen tran o'brien
o'sullivan mcgregor macdonald mackenzie fraser kowalczyk popescu ionescu osei boateng asante
adebayo oyelaran balogun abdi farah warsame hassan yilmaz demir kaya
""")
# Names that are also everyday words or place names; the lists above catch most by themselves.
AMBIGUOUS_NAMES = _words("""
max amber ruby holly jade sky summer autumn paris india chelsea jordan miles hunter mason carter
parker cole frank sue don rob kit guy bob art hazel ivy faith harmony destiny honey angel star
sage misty crystal brooklyn sydney austin lincoln reading nelson sunny rocky rusty teddy duke mo
al ed di bo viv lil em will mark bill ray pat rose dawn penny carol storm river precious blessing
favour sonny taylor morgan kelly lee ellis dean grant hope joy grace chase young april may june
""")
