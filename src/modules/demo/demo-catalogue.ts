/**
 * The words of the demo area: the kinds of activity that happen in a real
 * neighbourhood and the kinds of organisation that run them, written the way
 * a friendly noticeboard would put it.
 *
 * Kept apart from the generator so the search benchmark can draw on the same
 * vocabulary: searches then hit names and descriptions the way real ones do.
 * Everything here is made up; no name belongs to a real organisation.
 */
import type { COST_BANDS, ENTRIES, FOODS, GENDERS, MODES, SUPPORT_KINDS } from '../directory/service-graph.ts';

export type SupportKind = (typeof SUPPORT_KINDS)[number];
export type Gender = (typeof GENDERS)[number];
export type Entry = (typeof ENTRIES)[number];
export type Food = (typeof FOODS)[number];
export type Mode = (typeof MODES)[number];
export type CostBand = (typeof COST_BANDS)[number];
export type Day = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';

/** When an activity usually happens. */
export type Slot = 'morning' | 'lunch' | 'afternoon' | 'after_school' | 'evening' | 'office' | 'all_day';
export const SLOT_TIMES: Record<Slot, [opens: string, closes: string]> = {
  morning: ['10:00', '12:00'],
  lunch: ['12:00', '14:00'],
  afternoon: ['13:30', '15:30'],
  after_school: ['16:00', '18:00'],
  evening: ['18:30', '20:30'],
  office: ['09:30', '16:30'],
  all_day: ['00:00', '23:59'],
};

/** How often it happens: most things weekly; advice in office hours; a phone line all week. */
export type Rhythm = 'weekly' | 'often' | 'occasional' | 'office' | 'always';

export interface Activity {
  names: string[];
  description: string;
  /** What happens when you arrive; one is chosen. */
  expect?: string[];
  kinds: SupportKind[];
  gender?: Gender;
  entry?: Entry;
  food?: Food[];
  /** [minimum, maximum] age; null for no limit. */
  ages?: [number | null, number | null];
  modes?: Mode[];
  slots: Slot[];
  days?: Day[];
  rhythm?: Rhythm;
  /** Chance of a small charge (else free), and the band to use when charged. */
  charge?: { chance: number; band: CostBand; amount: number; option: string; description: string };
  childcare?: number;
  transport?: number;
  accompany?: number;
  interpreter?: number;
  eligibility?: string;
  /** Chance of a waiting list / being full (defaults are small). */
  waiting?: number;
  full?: number;
  /** Closed in the school summer holidays. */
  summerBreak?: boolean;
}

const WEEKDAYS: Day[] = ['MO', 'TU', 'WE', 'TH', 'FR'];

/** Said of most drop-in groups, when an activity has no words of its own. */
export const GENERAL_EXPECT = [
  "Someone will meet you at the door. There is tea and biscuits. You do not have to talk if you don't want to.",
  'A volunteer will say hello and show you where to sit. Come for ten minutes or stay all session; both are fine.',
  'It is a small, friendly group. Most people came on their own the first time. Tea and coffee are free.',
  'Ask for the group lead when you arrive and they will introduce you to a couple of people. There is no need to book.',
];

export const ACTIVITIES = {
  chat_tea: {
    names: [
      'Thursday chat and tea',
      'Tuesday chat and tea',
      'Monday morning cuppa',
      'Coffee and chat',
      'Drop-in chat and tea',
      'Tea, toast and a natter',
    ],
    description:
      'A relaxed weekly get-together with tea, coffee and a chat. Come on your own or bring a friend. Newcomers to the area are very welcome.',
    kinds: ['intercultural'],
    slots: ['morning', 'afternoon'],
    rhythm: 'weekly',
    transport: 0.1,
    accompany: 0.15,
    charge: {
      chance: 0.3,
      band: 'low_cost',
      amount: 1,
      option: 'Tea and biscuits',
      description: '£1 for tea and biscuits if you can; free if not.',
    },
  },
  warm_space: {
    names: ['Warm space and soup', 'Warm welcome afternoon', 'Winter warm room'],
    description:
      'A warm, comfortable room with hot drinks, soup and newspapers. Stay as long as you like, chat with others or just sit and read. Phone charging points and free wifi.',
    kinds: ['intercultural'],
    food: ['food', 'vegetarian'],
    slots: ['lunch', 'afternoon'],
    rhythm: 'often',
  },
  knit_natter: {
    names: ['Knit and natter', 'Craft and chat', 'Crochet club'],
    description:
      'Bring your knitting or crochet, or borrow needles and wool from us. Beginners are taught the basics. Lots of chatting and cups of tea.',
    kinds: ['arts', 'skills'],
    slots: ['morning', 'afternoon'],
    rhythm: 'weekly',
    charge: {
      chance: 0.3,
      band: 'low_cost',
      amount: 1,
      option: 'Tea and materials',
      description: '£1 towards tea and wool if you can; nobody is turned away.',
    },
  },
  conversation_cafe: {
    names: ['Conversation café', 'English conversation club', 'Practise your English', 'Talk English café', 'English chat over tea'],
    description:
      'Practise speaking English in a friendly, informal group. Volunteers chat with you about everyday things like shopping, the doctor and the bus. All levels welcome, even if you only know a few words.',
    expect: [
      'Volunteers sit with small groups of three or four people. There is tea and biscuits. Nobody will correct you in front of others.',
      'You can just listen the first time. Bring a friend if that helps. It is not a class and there are no tests.',
    ],
    kinds: ['informal_english', 'intercultural'],
    slots: ['morning', 'afternoon', 'evening'],
    rhythm: 'weekly',
    childcare: 0.15,
    charge: {
      chance: 0.1,
      band: 'low_cost',
      amount: 1,
      option: 'Suggested donation',
      description: '£1 suggested donation for tea; free if you cannot pay.',
    },
  },
  english_women: {
    names: ['English for women with crèche', "Women's English conversation", 'Speak English with confidence (women)'],
    description:
      'Informal English practice for women, run by women. Learn words for the school, the doctor and the shops while your little ones play nearby.',
    kinds: ['informal_english', 'shared_identity_group'],
    gender: 'women_only',
    slots: ['morning'],
    days: WEEKDAYS,
    rhythm: 'weekly',
    childcare: 0.7,
    eligibility: 'Women aged 16 and over. Children under 5 can come to the crèche.',
    summerBreak: true,
  },
  sewing_circle: {
    names: ["Women's sewing circle", 'Sewing and stitching for women', 'Sewing and chat (women)'],
    description:
      'Learn to sew or share what you know. Machines, fabric and thread are provided. Make clothes, cushions and gifts while chatting with other women.',
    kinds: ['skills', 'arts', 'shared_identity_group'],
    gender: 'women_only',
    slots: ['morning', 'afternoon'],
    rhythm: 'weekly',
    childcare: 0.4,
    charge: {
      chance: 0.25,
      band: 'low_cost',
      amount: 2,
      option: 'Suggested donation',
      description: '£2 suggested donation towards materials; free if you cannot pay.',
    },
    eligibility: 'Women aged 18 and over.',
  },
  womens_coffee: {
    names: ["Women's coffee morning", "Sisters' coffee morning", "Ladies' get-together"],
    description:
      'A friendly women-only morning with tea, coffee and home-made snacks. Meet other women from the area, share news and make new friends.',
    kinds: ['shared_identity_group', 'peer_support'],
    gender: 'women_only',
    food: ['food'],
    slots: ['morning'],
    rhythm: 'weekly',
    childcare: 0.35,
    eligibility: 'Women of any age. Babies and toddlers are welcome.',
  },
  womens_fitness: {
    names: ["Women's fitness class", 'Ladies-only keep fit', "Women's walking group"],
    description:
      'Gentle exercise for women in a private room with a female instructor. Go at your own pace; many people start with ten minutes and build up.',
    kinds: ['sport', 'shared_identity_group'],
    gender: 'women_only',
    slots: ['morning', 'evening'],
    rhythm: 'weekly',
    childcare: 0.25,
    charge: { chance: 0.4, band: 'low_cost', amount: 2, option: 'Per session', description: '£2 a session; first session free.' },
    eligibility: 'Women aged 16 and over.',
  },
  womens_swim: {
    names: ['Women-only swimming', "Ladies' swim session"],
    description:
      'Swimming with female lifeguards and covered windows. Lanes for length swimmers and a shallow area for learners and families.',
    kinds: ['sport'],
    gender: 'women_only',
    slots: ['evening'],
    days: ['TU', 'TH', 'SU'],
    rhythm: 'weekly',
    charge: { chance: 1, band: 'paid', amount: 3.5, option: 'Swim', description: '£3.50 a swim; £1.80 with a leisure concession card.' },
    eligibility: 'Women and girls; boys under 8 with their mother.',
  },
  mums_little_ones: {
    names: ['Mums and little ones', 'Stay and play', 'Baby and toddler group', 'Rhyme time for babies'],
    description:
      'Songs, toys and messy play for children under 5, and a cup of tea and a chat for the grown-ups. A good way to meet other parents nearby.',
    kinds: ['peer_support', 'intercultural'],
    ages: [0, 5],
    slots: ['morning'],
    days: WEEKDAYS,
    rhythm: 'weekly',
    eligibility: 'Parents, grandparents and carers with children under 5.',
    summerBreak: true,
    charge: { chance: 0.5, band: 'low_cost', amount: 1, option: 'Per family', description: '£1 per family, including snacks and fruit.' },
  },
  walking_football: {
    names: ['Walking football for over 50s', 'Walking football for over 50s', 'Walking football', 'Walking netball and football'],
    description:
      'Football at walking pace: no running, no slide tackles. Great for fitness and for meeting people. Bring trainers; bibs and balls are provided.',
    expect: [
      'A coach will meet you, show you the rules and put you in a team. Play for as long as you like, then join everyone for a cuppa.',
    ],
    kinds: ['sport'],
    ages: [50, null],
    slots: ['morning', 'afternoon'],
    rhythm: 'weekly',
    charge: { chance: 0.6, band: 'low_cost', amount: 2, option: 'Per session', description: '£2 a session, including a hot drink.' },
    eligibility: 'Anyone aged 50 or over, of any fitness level.',
  },
  mens_breakfast: {
    names: ["Men's breakfast club", "Men's shed", "Dads' walk and talk", "Men's cuppa and chat"],
    description:
      'A relaxed space for men to meet, have something to eat and chat, or fix and make things together. Talk about anything, or nothing much at all.',
    kinds: ['peer_support', 'skills'],
    gender: 'men_only',
    food: ['food'],
    slots: ['morning'],
    rhythm: 'weekly',
    eligibility: 'Men aged 18 and over.',
  },
  mens_health: {
    names: ["Men's health and chat", "Men's cooking club", "Brothers' walk and talk", "Men's football and chat"],
    description:
      'Men meet to do something together, cook, walk or play, and talk about whatever is on their minds, including health and stress, with no pressure.',
    kinds: ['peer_support', 'sport'],
    gender: 'men_only',
    slots: ['evening', 'afternoon'],
    rhythm: 'weekly',
    eligibility: 'Men aged 18 and over.',
  },
  walking_group: {
    names: ['Gentle walking group', 'Park walk and talk', 'Health walk', 'Canal and park stroll'],
    description:
      'A gentle one-hour walk on flat paths, at the pace of the slowest walker, followed by a hot drink. A walk leader goes at the front and another at the back.',
    kinds: ['sport', 'intercultural'],
    slots: ['morning', 'afternoon'],
    rhythm: 'weekly',
    accompany: 0.2,
  },
  chair_exercise: {
    names: ['Chair-based exercise', 'Seated exercise and chat', 'Strength and balance class'],
    description:
      'Gentle movement to music, sitting down or holding a chair. Helps with balance and joints. Stay for tea and a chat afterwards.',
    kinds: ['sport'],
    ages: [55, null],
    slots: ['morning', 'afternoon'],
    rhythm: 'weekly',
    transport: 0.3,
    charge: { chance: 0.5, band: 'low_cost', amount: 1.5, option: 'Per session', description: '£1.50 a session.' },
    eligibility: 'Adults aged 55 and over; you do not need to be fit.',
  },
  badminton: {
    names: ['Badminton social', 'Table tennis for all', 'Social cricket nets'],
    description: 'Friendly games for every level. Rackets and balls to borrow. We mix people up so everyone gets a game.',
    kinds: ['sport', 'intercultural'],
    slots: ['evening'],
    rhythm: 'weekly',
    charge: { chance: 0.8, band: 'low_cost', amount: 2.5, option: 'Per session', description: '£2.50 a session.' },
  },
  yoga: {
    names: ['Gentle yoga', 'Stretch and relax', 'Tai chi in the park'],
    description: 'Slow, gentle movement and breathing. Wear something comfortable. Mats are provided; you can also do it on a chair.',
    kinds: ['sport'],
    slots: ['morning', 'evening'],
    rhythm: 'weekly',
    charge: { chance: 0.5, band: 'paid', amount: 4, option: 'Per class', description: '£4 a class, or £2 if you are on benefits.' },
  },
  community_lunch: {
    names: ['Friday family lunch', 'Community lunch', 'Sunday community meal', 'Pay-as-you-feel café', 'Soup and bread lunch'],
    description:
      'A hot meal cooked by volunteers, shared around big tables. Families, neighbours and newcomers all eat together. Vegetarian options every week.',
    kinds: ['intercultural'],
    food: ['food', 'vegetarian'],
    slots: ['lunch'],
    rhythm: 'weekly',
    charge: {
      chance: 0.5,
      band: 'low_cost',
      amount: 2,
      option: 'Pay as you feel',
      description: 'Pay what you can; £2 suggested. Nobody is turned away.',
    },
  },
  lunch_club: {
    names: ['Lunch club for over 60s', 'Seniors lunch and bingo', 'Wednesday lunch club'],
    description: 'A two-course hot lunch, a quiz or bingo, and good company. We can help with transport if getting here is hard.',
    kinds: ['intercultural'],
    food: ['food'],
    ages: [60, null],
    slots: ['lunch'],
    rhythm: 'weekly',
    transport: 0.6,
    charge: { chance: 0.8, band: 'low_cost', amount: 3.5, option: 'Lunch', description: '£3.50 for a two-course lunch.' },
    eligibility: 'People aged 60 and over. Carers can come too.',
  },
  langar: {
    names: ['Langar: free community meal', 'Free community kitchen'],
    description:
      'A free vegetarian meal served to everyone, whatever their faith or background. Sit together and eat; volunteers serve and wash up.',
    expect: ['Please cover your head (scarves are provided) and take your shoes off at the door. Volunteers will show you where to sit.'],
    kinds: ['intercultural'],
    food: ['food', 'vegetarian'],
    slots: ['lunch'],
    days: ['SU', 'SA'],
    rhythm: 'weekly',
  },
  cook_eat: {
    names: ['Cook and eat together', 'Cooking on a budget', 'Recipe swap kitchen'],
    description:
      'Cook a simple, cheap meal together in our kitchen, then sit down and eat it. Learn new recipes from around the world and take some home.',
    kinds: ['skills', 'intercultural'],
    food: ['food'],
    slots: ['afternoon', 'evening'],
    rhythm: 'weekly',
    charge: { chance: 0.2, band: 'low_cost', amount: 1, option: 'Ingredients', description: '£1 towards ingredients.' },
  },
  gardening: {
    names: ['Growing together allotment', 'Community garden afternoon', 'Grow your own vegetables', 'Green fingers club'],
    description:
      'Grow vegetables, herbs and flowers with others on our plot. No experience needed; tools, gloves and seeds are provided. Take some of the harvest home.',
    expect: [
      'Wear old clothes. Someone will show you round the plot and give you a simple job to start. There is a shelter with tea if it rains.',
    ],
    kinds: ['gardening', 'volunteering'],
    slots: ['morning', 'afternoon'],
    rhythm: 'weekly',
  },
  womens_garden: {
    names: ["Women's gardening group", "Women's growing space"],
    description: 'A private garden space for women to grow food and flowers, chat and rest. Tools and seeds provided.',
    kinds: ['gardening', 'shared_identity_group'],
    gender: 'women_only',
    slots: ['morning'],
    rhythm: 'weekly',
    childcare: 0.2,
    eligibility: 'Women aged 18 and over.',
  },
  befriending: {
    names: ['Befriending: a volunteer to chat with', 'Good neighbour visits', 'Out and about befriending', 'Friendly visits at home'],
    description:
      'A trained, checked volunteer visits you every week or two for a chat, or goes out with you for a coffee or a walk. We match you with someone who shares your interests or language.',
    expect: [
      'We phone you first for a friendly chat about what you enjoy. Then we introduce you to your volunteer; a staff member comes to the first visit.',
    ],
    kinds: ['befriending'],
    entry: 'self_referral',
    slots: ['office'],
    rhythm: 'office',
    accompany: 0.6,
    interpreter: 0.3,
    waiting: 0.35,
  },
  phone_friends: {
    names: ['Phone friends', 'Weekly friendly call', 'Telephone befriending'],
    description:
      'A regular friendly phone call with the same volunteer each week, at a time that suits you. Good if getting out is hard right now.',
    kinds: ['befriending'],
    entry: 'self_referral',
    modes: ['phone'],
    slots: ['office'],
    rhythm: 'office',
    waiting: 0.3,
  },
  carers_cuppa: {
    names: ["Carers' cuppa and chat", "Carers' break", 'Young carers club'],
    description:
      'Time out for people who look after someone. Share tips and frustrations with others who understand, and find out about help for carers.',
    kinds: ['peer_support'],
    slots: ['morning', 'afternoon'],
    rhythm: 'occasional',
    eligibility: 'Anyone who looks after a relative, partner or friend.',
  },
  mental_health_peer: {
    names: ['Mental health peer support group', 'Talk and listen circle', 'Wellbeing café', 'Recovery café'],
    description:
      'A safe, friendly group run by people with their own experience of anxiety, low mood and stress. Share as much or as little as you want.',
    expect: [
      'The group agrees to keep what is said private. A facilitator keeps things calm. You can sit and listen, and leave whenever you need to.',
    ],
    kinds: ['peer_support'],
    slots: ['afternoon', 'evening'],
    rhythm: 'weekly',
    modes: ['in_person'],
  },
  online_peer: {
    names: ['Online peer support evening', 'Online chat and share'],
    description: 'A small group meeting by video call. You can keep your camera off. A host welcomes everyone and keeps things friendly.',
    kinds: ['peer_support'],
    modes: ['online'],
    entry: 'self_referral',
    slots: ['evening'],
    rhythm: 'weekly',
  },
  bereavement: {
    names: ['Bereavement café', 'After loss: coffee and support'],
    description: 'Meet others who have lost someone close. Talk, listen, or just have a quiet cup of tea with people who understand.',
    kinds: ['peer_support'],
    slots: ['afternoon'],
    rhythm: 'occasional',
  },
  new_mums: {
    names: ['New mums support group', 'Parents together', 'Bump and baby group'],
    description:
      'For parents of babies: share the ups and downs of the first months, swap tips and get friendly support. A health visitor drops in once a month.',
    kinds: ['peer_support'],
    slots: ['morning'],
    rhythm: 'weekly',
    childcare: 0.1,
  },
  advice_money: {
    names: ['Money and benefits advice', 'Help with forms and letters', 'Debt advice drop-in', 'Cost of living help'],
    description:
      'Free, confidential help with benefits, bills, debts and forms. Bring any letters you have. We can help you fill in forms and phone people with you.',
    expect: ['You will see an adviser in a private room. Bring letters and your ID if you have them; if not, come anyway.'],
    kinds: ['advice'],
    slots: ['office', 'morning'],
    rhythm: 'office',
    interpreter: 0.6,
  },
  advice_housing: {
    names: ['Housing advice drop-in', 'Help with your home and tenancy'],
    description:
      'Advice about renting, repairs, eviction notices and finding somewhere to live. We can speak to landlords and the council with you.',
    kinds: ['advice'],
    slots: ['morning', 'afternoon'],
    rhythm: 'weekly',
    interpreter: 0.5,
  },
  advice_immigration: {
    names: ['Immigration advice clinic', 'Asylum and immigration advice', 'Family reunion advice'],
    description:
      'Free advice from a regulated immigration adviser about asylum, leave to remain, family reunion and Home Office letters. Appointments are private.',
    expect: ['Bring your Home Office letters and any documents. An interpreter can be booked if you tell us your language when you book.'],
    kinds: ['advice'],
    entry: 'self_referral',
    slots: ['office'],
    rhythm: 'weekly',
    interpreter: 0.85,
    waiting: 0.3,
  },
  digital_help: {
    names: ['Computer help café', 'Phone and tablet help', 'Get online drop-in', 'Job club and CV help'],
    description: 'One-to-one help with phones, tablets, email, online forms and video calls to family. Bring your own device or use ours.',
    kinds: ['skills'],
    slots: ['morning', 'afternoon'],
    rhythm: 'weekly',
  },
  arts: {
    names: ['Art for everyone', 'Creative writing group', 'Painting and drawing club', 'Photography walks', 'Pottery and clay'],
    description: 'Make art together in a relaxed group. No experience needed; materials are provided and an artist helps you get started.',
    kinds: ['arts'],
    slots: ['afternoon', 'evening'],
    rhythm: 'weekly',
    charge: { chance: 0.25, band: 'low_cost', amount: 2, option: 'Materials', description: '£2 towards materials if you can.' },
  },
  music: {
    names: ['Community choir', 'Drumming circle', 'Songs from home', 'Open mic and music night'],
    description: 'Sing or play music from many cultures. You do not need to read music or have sung before; we learn by ear.',
    kinds: ['arts', 'intercultural'],
    slots: ['evening', 'afternoon'],
    rhythm: 'weekly',
  },
  reading: {
    names: ['Reading group', 'Stories and poems circle', 'Dual-language book club'],
    description:
      'Read and talk about a short book or poem each time. Books can be borrowed free. Easy-read and dual-language books are available.',
    kinds: ['arts', 'intercultural'],
    slots: ['afternoon', 'evening'],
    rhythm: 'occasional',
  },
  youth_club: {
    names: ['Youth club (11 to 18)', 'Friday night youth club', 'Young people’s drop-in'],
    description:
      'Pool, games, music, sport and snacks, with youth workers to talk to. A safe place to hang out with friends and meet new ones.',
    kinds: ['sport', 'peer_support'],
    ages: [11, 18],
    food: ['food'],
    slots: ['after_school', 'evening'],
    rhythm: 'weekly',
    charge: { chance: 0.3, band: 'low_cost', amount: 0.5, option: 'Entry', description: '50p entry, including a snack.' },
    eligibility: 'Young people aged 11 to 18.',
  },
  girls_group: {
    names: ["Girls' youth group", 'Young women’s circle'],
    description:
      'A space for girls and young women to chat, take part in activities and trips, and talk about what matters to them with female youth workers.',
    kinds: ['peer_support', 'shared_identity_group'],
    gender: 'women_only',
    ages: [11, 19],
    slots: ['after_school'],
    rhythm: 'weekly',
    eligibility: 'Girls and young women aged 11 to 19.',
    summerBreak: true,
  },
  young_adults: {
    names: ['Young adults social (16 to 25)', 'Newcomers youth football'],
    description:
      'Games, trips and food for young people aged 16 to 25, including those new to Bradford. Come with a friend or on your own.',
    kinds: ['sport', 'intercultural'],
    ages: [16, 25],
    slots: ['evening'],
    rhythm: 'weekly',
    accompany: 0.2,
    eligibility: 'Young people aged 16 to 25.',
  },
  welcome_cafe: {
    names: ['Welcome café for new arrivals', 'Drop-in for people seeking asylum', 'New neighbours welcome', 'Sanctuary café'],
    description:
      'A warm welcome for people seeking asylum, refugees and anyone new to Bradford. Hot food, clothes to take, English practice and friendly advice about where to find help.',
    expect: [
      'A volunteer greets you and explains what is on. Nobody will ask for your papers. Interpreters for some languages are there most weeks.',
    ],
    kinds: ['intercultural', 'advice', 'informal_english'],
    food: ['food', 'halal'],
    slots: ['lunch', 'afternoon'],
    rhythm: 'weekly',
    interpreter: 0.6,
    accompany: 0.3,
    eligibility: 'People seeking asylum, refugees and anyone new to the UK. Families welcome.',
  },
  newcomers_football: {
    names: ['Football for newcomers', 'Sunday five-a-side welcome'],
    description: 'Friendly five-a-side football for people new to the city, with a meal afterwards. Boots and kit can be borrowed.',
    kinds: ['sport', 'intercultural'],
    gender: 'men_only',
    ages: [16, null],
    slots: ['afternoon', 'evening'],
    rhythm: 'weekly',
    transport: 0.4,
    eligibility: 'Men aged 16 and over, especially those new to the UK.',
  },
  community_evening: {
    names: ['Community evening', 'Family get-together', 'Culture and food night'],
    description:
      'A monthly gathering with food from home, music and news. Speak your own language, meet families from your community and welcome new arrivals.',
    kinds: ['shared_identity_group'],
    food: ['food'],
    slots: ['evening', 'afternoon'],
    rhythm: 'occasional',
  },
  community_womens: {
    names: ["Women's circle", "Mothers' group", "Women's tea and talk"],
    description:
      'Women from the community meet to chat in their own language, share food and support each other. Information sessions on health and schools now and then.',
    kinds: ['shared_identity_group', 'peer_support'],
    gender: 'women_only',
    food: ['food'],
    slots: ['morning', 'afternoon'],
    rhythm: 'weekly',
    childcare: 0.45,
    eligibility: 'Women of any age.',
  },
  mother_tongue: {
    names: ['Saturday mother-tongue school', 'Home language club for children'],
    description:
      'Children learn to read and write the language of their families, with songs, stories and games. Parents chat over tea while they wait.',
    kinds: ['shared_identity_group', 'skills'],
    ages: [5, 14],
    slots: ['morning'],
    days: ['SA', 'SU'],
    rhythm: 'weekly',
    summerBreak: true,
    eligibility: 'Children aged 5 to 14 and their parents.',
  },
  volunteering: {
    names: ['Volunteer with us', 'Food pantry volunteering', 'Volunteering taster days'],
    description:
      'Help out in a friendly team: sorting food, welcoming visitors, gardening or making tea. Training is given, and we pay travel expenses.',
    kinds: ['volunteering'],
    entry: 'self_referral',
    slots: ['morning', 'afternoon'],
    rhythm: 'weekly',
    transport: 0.4,
  },
  food_pantry: {
    names: ['Community food pantry', 'Food share and chat'],
    description: 'Choose good food for a small weekly membership fee, and stay for a cuppa. Fresh fruit and vegetables most weeks.',
    kinds: ['advice', 'intercultural'],
    food: ['food', 'halal', 'vegetarian'],
    slots: ['afternoon'],
    rhythm: 'weekly',
    charge: { chance: 1, band: 'low_cost', amount: 3.5, option: 'Weekly shop', description: '£3.50 for a weekly shop worth about £15.' },
  },
  counselling: {
    names: ['Counselling', 'Talking therapy in your language', 'Counselling for women'],
    description:
      'Up to twelve sessions with a qualified counsellor, in English or your own language. Talk about worry, low mood, loss, trauma or anything on your mind.',
    expect: [
      'First you have a short assessment call to talk about what you would like help with. Sessions are private and last 50 minutes.',
    ],
    kinds: ['therapy'],
    entry: 'formal_assessment',
    modes: ['in_person', 'phone', 'online'],
    slots: ['office'],
    rhythm: 'office',
    interpreter: 0.5,
    waiting: 0.6,
    charge: {
      chance: 0.4,
      band: 'low_cost',
      amount: 5,
      option: 'Per session',
      description: 'Pay what you can, from £5 a session; free if you are on benefits or seeking asylum.',
    },
  },
  link_worker: {
    names: ['Link worker: help to find what suits you', 'Social prescribing link workers'],
    description:
      'A link worker meets you, listens to what matters to you and helps you find groups, activities and practical help nearby. They can go with you the first time.',
    expect: ['Your first chat lasts about an hour, at the GP surgery, a café or by phone. There is no right or wrong thing to ask for.'],
    kinds: ['advice', 'befriending'],
    entry: 'self_referral',
    modes: ['in_person', 'phone'],
    slots: ['office'],
    rhythm: 'office',
    accompany: 1,
    interpreter: 0.9,
    eligibility: 'Adults aged 18 and over registered with a GP in Bradford.',
  },
  refuge: {
    names: ['Safe housing and support for women and children'],
    description:
      'Safe, confidential housing for women and their children escaping domestic abuse, with support workers on site. Phone us any time, day or night.',
    expect: [
      'When you phone, a woman support worker answers. She will listen, help you think about what is safe for you, and talk about a place if you need one.',
    ],
    kinds: ['advice', 'peer_support'],
    gender: 'women_only',
    entry: 'self_referral',
    modes: ['phone', 'in_person'],
    slots: ['all_day'],
    rhythm: 'always',
    interpreter: 1,
    eligibility: 'Women aged 16 and over and their children. You do not need a referral.',
  },
  refuge_outreach: {
    names: ["Women's support after abuse"],
    description:
      'One-to-one support and a friendly group for women who have experienced domestic abuse, whether or not they still live with the person.',
    kinds: ['peer_support', 'advice'],
    gender: 'women_only',
    entry: 'self_referral',
    modes: ['phone', 'in_person'],
    slots: ['office'],
    rhythm: 'office',
    interpreter: 1,
    childcare: 0.5,
    eligibility: 'Women aged 16 and over.',
  },
  faith_sisters: {
    names: ["Sisters' circle", "Women's study and social"],
    description: 'A weekly gathering for women with a short talk, tea and time to chat. Women of any background are welcome to come along.',
    kinds: ['shared_identity_group', 'peer_support'],
    gender: 'women_only',
    food: ['food'],
    slots: ['morning', 'afternoon'],
    rhythm: 'weekly',
    childcare: 0.4,
    eligibility: 'Women aged 16 and over.',
  },
  faith_elders: {
    names: ["Elders' afternoon", 'Seniors’ social and prayer', 'Over 60s friendship group'],
    description:
      'Company, tea and something to eat for older people, with a short prayer for those who want it. Volunteers can collect you if needed.',
    kinds: ['shared_identity_group'],
    food: ['food'],
    ages: [60, null],
    slots: ['afternoon'],
    rhythm: 'weekly',
    transport: 0.5,
    eligibility: 'People aged 60 and over.',
  },
  after_service_coffee: {
    names: ['Open church café', 'Coffee, cake and company', 'Open doors café'],
    description:
      'The church hall is open for coffee, cake and conversation. Everyone is welcome, whatever your faith or none; nobody will preach at you.',
    kinds: ['intercultural'],
    food: ['food'],
    slots: ['morning'],
    rhythm: 'weekly',
  },
  games_club: {
    names: ['Board games and dominoes', 'Carrom and chess club', 'Quiz and games afternoon'],
    description: 'Play board games, cards, carrom, dominoes or chess with friendly people. Learn new games or teach us yours.',
    kinds: ['intercultural'],
    slots: ['afternoon', 'evening'],
    rhythm: 'weekly',
    charge: {
      chance: 0.2,
      band: 'low_cost',
      amount: 1,
      option: 'Suggested donation',
      description: '£1 suggested donation towards the room.',
    },
  },
  tea_dance: {
    names: ['Tea dance', 'Music and memories afternoon'],
    description: 'Music from the past, a dance if you like or just listen, and tea and cake. Carers and family are very welcome.',
    kinds: ['arts', 'intercultural'],
    ages: [55, null],
    slots: ['afternoon'],
    rhythm: 'occasional',
    transport: 0.4,
  },
} satisfies Record<string, Activity>;

export type ActivityKey = keyof typeof ACTIVITIES;
export const activity = (key: ActivityKey): Activity => ACTIVITIES[key];

/** A community an organisation serves: used for communities and languages. */
export interface Community {
  communities: string[];
  languages: string[];
}

export interface OrgKind {
  key: string;
  count: number;
  /** Makes a name from a locality, a street and (for community groups) the community's name. */
  name: (pick: <T>(items: readonly T[]) => T, place: string, street: string, community: string) => string;
  description: string;
  activities: ActivityKey[];
  /** Activities every organisation of this kind runs (counted in `services`). */
  core?: ActivityKey[];
  services: [min: number, max: number];
  faith?: 'faith_based';
  /** Chance of being faith friendly when not faith based. */
  faithFriendly?: number;
  /** Added to food activities (e.g. halal at a mosque). */
  foodExtra?: ('halal' | 'vegetarian')[];
  /** Language weights on top of the neighbourhood's. */
  languages?: string[];
  /** Communities it serves; one is chosen for each organisation. */
  communities?: Community[];
  /** Neighbourhood keys to prefer (else weighted by neighbourhood). */
  areas?: string[];
  /** A building name for the venue; default is the organisation name. */
  venue?: (orgName: string, place: string) => string;
  /** A second venue now and then. */
  secondVenue?: number;
  vetting?: number;
}

const ARABIC_WORDS = ['Sakinah', 'Rahmah', 'Tawheed', 'Huda', 'Ihsan', 'Nur', 'Barakah', 'Salam', 'Falah', 'Hikmah', 'Ummah', 'Iqra'];
const CHURCH_WORDS = [
  'Cornerstone',
  'Open Door',
  'Riverside',
  'New Hope',
  'Emmanuel',
  'Bethel',
  'Good Shepherd',
  'Wellspring',
  'Trinity Fellowship',
  'Lighthouse',
];
const SAINTS = ['Brigid', 'Cedd', 'Chad', 'Hilda', 'Aelred', 'Oswin', 'Ethelwold', 'Bega'];
const HOPEFUL = [
  'Together',
  'Welcome',
  'Harmony',
  'Bridges',
  'Threads',
  'Open Hands',
  'Kindred',
  'Roots',
  'Lantern',
  'Common Ground',
  'Sunrise',
  'Haven',
  'Anchor',
  'Compass',
  'Circle',
];

export const ORG_KINDS: OrgKind[] = [
  {
    key: 'mosque',
    count: 11,
    name: (pick, place) =>
      `Masjid ${pick(ARABIC_WORDS)} ${pick(['Community Trust', 'and Community Centre', 'Education Centre'])}, ${place}`,
    description:
      'A mosque and community centre. Prayer rooms for men and women, and activities through the week open to the whole neighbourhood.',
    activities: [
      'faith_sisters',
      'faith_elders',
      'advice_money',
      'youth_club',
      'community_lunch',
      'conversation_cafe',
      'mens_breakfast',
      'mens_health',
      'walking_group',
      'bereavement',
      'girls_group',
      'mother_tongue',
    ],
    services: [1, 4],
    faith: 'faith_based',
    foodExtra: ['halal'],
    languages: ['ur', 'pa', 'ar', 'bn', 'ps'],
    areas: ['manningham', 'bradford-moor', 'little-horton', 'great-horton'],
  },
  {
    key: 'church',
    count: 10,
    name: (pick, place) =>
      pick([
        () => `${pick(CHURCH_WORDS)} Church, ${place}`,
        () => `St ${pick(SAINTS)}'s Church and Hall, ${place}`,
        () => `${place} ${pick(['Methodist', 'Baptist', 'United Reformed', 'Pentecostal'])} Fellowship`,
      ])(),
    description:
      'A local church whose hall is used all week by groups for the whole community. You do not have to be a Christian to come to anything.',
    activities: [
      'after_service_coffee',
      'warm_space',
      'knit_natter',
      'community_lunch',
      'conversation_cafe',
      'lunch_club',
      'mums_little_ones',
      'tea_dance',
      'games_club',
      'welcome_cafe',
    ],
    services: [2, 4],
    faith: 'faith_based',
    languages: ['en', 'pl', 'ro', 'ti', 'am'],
    venue: (org) => `${org.split(',')[0]} hall`,
  },
  {
    key: 'gurdwara',
    count: 2,
    name: (pick, place) => `Gurdwara ${pick(['Sangat', 'Seva', 'Ekta', 'Sarbat Bhala'])} Sabha, ${place}`,
    description: 'A Sikh gurdwara. The langar kitchen serves free vegetarian food to everyone, and the hall hosts groups for all ages.',
    activities: ['langar', 'faith_elders', 'youth_club', 'chair_exercise', 'community_womens'],
    services: [2, 4],
    faith: 'faith_based',
    foodExtra: ['vegetarian'],
    languages: ['pa', 'pa', 'hi'],
    communities: [{ communities: [], languages: ['pa'] }],
    areas: ['great-horton', 'manningham', 'little-horton', 'bradford-moor'],
  },
  {
    key: 'mandir',
    count: 1,
    name: (pick, place) => `${pick(['Shree', 'Sanatan'])} ${pick(['Shanti', 'Seva'])} Mandir, ${place}`,
    description: 'A Hindu temple with a busy community hall. Everyone is welcome at the social groups and meals.',
    activities: ['faith_elders', 'community_lunch', 'yoga', 'community_womens'],
    services: [2, 3],
    faith: 'faith_based',
    foodExtra: ['vegetarian'],
    languages: ['gu', 'gu', 'pa'],
    communities: [{ communities: ['Gujarati'], languages: ['gu'] }],
    areas: ['little-horton', 'great-horton'],
  },
  {
    key: 'community_centre',
    count: 16,
    name: (pick, place, street) =>
      pick([
        () => `${place} Community Hub`,
        () => `${street} Community House`,
        () => `${pick(HOPEFUL)} Neighbourhood Centre`,
        () => `The ${pick(['Old School', 'Mill', 'Chapel', 'Co-op', 'Baths'])} Community Rooms, ${place}`,
      ])(),
    description:
      'A neighbourhood community centre run by local people, with rooms for groups, a café and a noticeboard full of what is on nearby.',
    activities: [
      'chat_tea',
      'conversation_cafe',
      'community_lunch',
      'lunch_club',
      'digital_help',
      'mums_little_ones',
      'youth_club',
      'arts',
      'advice_money',
      'games_club',
      'chair_exercise',
      'mens_breakfast',
      'mens_health',
      'cook_eat',
      'warm_space',
      'volunteering',
      'womens_coffee',
    ],
    services: [2, 4],
    faithFriendly: 0.35,
    foodExtra: ['halal'],
    secondVenue: 0.15,
  },
  {
    key: 'womens_centre',
    count: 7,
    name: (pick, place) =>
      `${pick(['Sisters Together', 'Amani', 'Roshni', 'Saheli', 'Her Space', 'Ujala', 'Nisa'])} Women's Centre, ${place}`,
    description: "A women's centre run by and for women, offering a safe, friendly space, activities, advice and a crèche.",
    activities: [
      'sewing_circle',
      'womens_coffee',
      'english_women',
      'womens_fitness',
      'womens_garden',
      'advice_money',
      'counselling',
      'community_womens',
      'cook_eat',
    ],
    services: [2, 4],
    faithFriendly: 0.7,
    foodExtra: ['halal'],
    languages: ['ur', 'pa', 'bn', 'ar', 'so'],
    vetting: 0.6,
  },
  {
    key: 'refugee_charity',
    count: 8,
    name: (pick, place) =>
      `${pick(['Open Doors', 'New Neighbours', 'Safe Harbour', 'Sanctuary', 'Welcome Table', 'First Steps', 'Common Ground', 'Friends Without Borders'])} ${pick(['Bradford', place])}`,
    description: 'A charity that welcomes people seeking asylum and refugees, with practical help, friendship and a place to belong.',
    activities: [
      'welcome_cafe',
      'conversation_cafe',
      'advice_immigration',
      'befriending',
      'newcomers_football',
      'community_womens',
      'volunteering',
      'counselling',
      'young_adults',
    ],
    services: [2, 4],
    faithFriendly: 0.4,
    languages: ['ar', 'ckb', 'kmr', 'fa', 'prs', 'ps', 'ti', 'am', 'so', 'uk'],
    areas: ['city-centre', 'manningham', 'bradford-moor', 'little-horton'],
    vetting: 0.6,
  },
  {
    key: 'community_association',
    count: 11,
    name: (pick, place, _street, community) =>
      `${community} ${pick(['Community Association', 'Community Group', 'Families Network'])}, ${place}`,
    description:
      'A community association run by volunteers from the community, keeping language, culture and friendship going and helping new arrivals settle.',
    activities: [
      'community_evening',
      'community_womens',
      'mother_tongue',
      'advice_money',
      'conversation_cafe',
      'youth_club',
      'faith_elders',
      'mens_health',
    ],
    services: [2, 4],
    faithFriendly: 0.5,
    communities: [
      { communities: ['Somali'], languages: ['so', 'ar'] },
      { communities: ['Roma'], languages: ['ro', 'sk', 'cs'] },
      { communities: ['Kurdish'], languages: ['ckb', 'kmr', 'ar'] },
      { communities: ['Afghan'], languages: ['prs', 'ps'] },
      { communities: ['Eritrean', 'Ethiopian'], languages: ['ti', 'am'] },
      { communities: ['Polish'], languages: ['pl'] },
      { communities: ['Ukrainian'], languages: ['uk'] },
      { communities: ['Bangladeshi'], languages: ['bn'] },
      { communities: ['Slovak', 'Czech'], languages: ['sk', 'cs'] },
      { communities: ['Iranian'], languages: ['fa'] },
      { communities: ['Syrian', 'Arab'], languages: ['ar'] },
    ],
  },
  {
    key: 'library',
    count: 4,
    name: (_pick, place) => `${place} Community Library`,
    description: 'A community library with free books, computers and wifi, and groups for all ages. Volunteers help run it.',
    activities: ['reading', 'conversation_cafe', 'digital_help', 'mums_little_ones', 'knit_natter', 'games_club'],
    services: [2, 4],
    areas: ['manningham', 'bradford-moor', 'little-horton', 'heaton', 'city-centre'],
  },
  {
    key: 'leisure_centre',
    count: 3,
    name: (pick, place) => `${place} ${pick(['Leisure Centre', 'Pool and Gym', 'Sports Centre'])}`,
    description: 'A public leisure centre with a pool, sports hall and studio. Concessions for people on benefits.',
    activities: ['walking_football', 'womens_swim', 'chair_exercise', 'badminton', 'yoga', 'womens_fitness'],
    core: ['walking_football'],
    services: [3, 4],
    areas: ['little-horton', 'manningham', 'bradford-moor'],
    vetting: 0.8,
  },
  {
    key: 'garden_project',
    count: 5,
    name: (pick, place) => `${place} ${pick(['Growers', 'Community Garden', 'Allotment Society', 'Orchard Project'])}`,
    description: 'A community growing project on a shared plot. Volunteers grow food together and share the harvest.',
    activities: ['gardening', 'womens_garden', 'volunteering', 'cook_eat', 'walking_group'],
    services: [1, 3],
  },
  {
    key: 'english_club',
    count: 4,
    name: (pick) => `${pick(['Talk Together', 'Speak Easy', 'Chatterbox', 'Word by Word'])} English ${pick(['Club', 'Project'])}`,
    description: 'Volunteer-run English conversation groups: informal, friendly and free. Not a college course.',
    activities: ['conversation_cafe', 'english_women', 'reading', 'digital_help'],
    core: ['conversation_cafe'],
    services: [1, 3],
    languages: ['ar', 'ur', 'ro', 'uk', 'fa'],
  },
  {
    key: 'befriending_scheme',
    count: 5,
    name: (pick, place) => `${pick(['Good Neighbours', 'Tea and Company', 'Friendly Faces', 'Side by Side', 'Linking Lives'])} ${place}`,
    description:
      'A befriending charity that matches trained volunteers with people who would like more company, at home, on the phone or out and about.',
    activities: ['befriending', 'phone_friends', 'chat_tea', 'tea_dance'],
    services: [1, 3],
    vetting: 0.7,
  },
  {
    key: 'peer_support_group',
    count: 6,
    name: (pick, place) =>
      `${pick(['Stronger Together', 'Open Minds', 'Hope Circle', 'Carers Connect', 'Dads Matter', 'Still Here'])} ${place}`,
    description: 'A peer-support group run by people with lived experience, for people going through similar things.',
    activities: ['mental_health_peer', 'online_peer', 'carers_cuppa', 'bereavement', 'new_mums', 'mens_breakfast', 'mens_health'],
    services: [1, 3],
    faithFriendly: 0.2,
  },
  {
    key: 'advice_centre',
    count: 6,
    name: (pick, place) =>
      `${pick(['Money Matters', 'Home Safe', 'Rights Bradford', 'Fair Deal', 'Clear Advice', 'Your Say'])} Advice ${pick(['Centre', 'Project', 'Service'])}, ${place}`,
    description: 'Free, independent and confidential advice. We help with the problem in front of you and anything behind it.',
    activities: ['advice_money', 'advice_housing', 'advice_immigration', 'digital_help'],
    services: [1, 3],
    areas: ['city-centre', 'manningham', 'bradford-moor', 'little-horton'],
    languages: ['ur', 'pa', 'bn', 'ar', 'ro', 'sk', 'pl'],
  },
  {
    key: 'arts_project',
    count: 6,
    name: (pick) =>
      `${pick(['Colour Works', 'Story Kitchen', 'Loom', 'Brightside', 'Paper Boat', 'Many Voices'])} ${pick(['Arts', 'Creative', 'Arts Collective'])}`,
    description: 'A community arts project making art, music and stories with people from every background.',
    activities: ['arts', 'music', 'reading', 'knit_natter', 'sewing_circle'],
    services: [1, 3],
    areas: ['city-centre', 'manningham', 'little-horton', 'heaton'],
  },
  {
    key: 'sports_club',
    count: 3,
    name: (pick, place) => `${place} ${pick(['Walking Football Club', 'Community Cricket Club', 'Wellbeing Sports Club'])}`,
    description: 'A community sports club where everyone plays, whatever their age or ability.',
    activities: ['walking_football', 'badminton', 'newcomers_football', 'walking_group', 'mens_health'],
    core: ['walking_football'],
    services: [1, 3],
  },
  {
    key: 'counselling_service',
    count: 2,
    name: (pick) => `${pick(['Listening Space', 'Talk It Through'])} Counselling`,
    description: 'A not-for-profit counselling service with qualified counsellors who speak many languages.',
    activities: ['counselling', 'online_peer', 'bereavement'],
    services: [2, 3],
    areas: ['city-centre', 'heaton'],
    languages: ['ur', 'pa', 'ar', 'fa', 'ckb', 'pl'],
    vetting: 0.9,
  },
  {
    key: 'link_workers',
    count: 1,
    name: () => 'Bradford Link Worker Team',
    description: 'Social prescribing link workers based in local GP practices, helping people find groups, activities and practical help.',
    activities: ['link_worker'],
    services: [1, 1],
    areas: ['city-centre'],
    languages: ['ur', 'pa', 'bn', 'pl'],
    vetting: 1,
  },
  {
    key: 'refuge',
    count: 1,
    name: () => 'Safe Place Women’s Refuge',
    description: 'A refuge and support service for women and children escaping domestic abuse. The refuge address is never published.',
    activities: ['refuge', 'refuge_outreach'],
    services: [2, 2],
    areas: ['city-centre'],
    languages: ['ur', 'pa', 'bn', 'ar', 'pl'],
    vetting: 1,
  },
  {
    key: 'youth_project',
    count: 3,
    name: (pick, place) => `${place} ${pick(['Youth Project', 'Young People’s Centre', 'Youth Partnership'])}`,
    description: 'Youth workers and volunteers running clubs, trips and support for young people.',
    activities: ['youth_club', 'girls_group', 'young_adults', 'arts', 'mental_health_peer'],
    services: [2, 4],
    vetting: 0.7,
  },
  {
    key: 'older_peoples_charity',
    count: 4,
    name: (pick, place) => `${pick(['Silver Threads', 'Age Together', 'Golden Years', 'Evergreen'])} ${place}`,
    description: 'A local charity for people in later life: lunches, outings, friendly calls and help to stay independent.',
    activities: ['lunch_club', 'phone_friends', 'tea_dance', 'chair_exercise', 'digital_help', 'befriending'],
    services: [2, 4],
  },
  {
    key: 'food_project',
    count: 3,
    name: (pick, place) => `${pick(['Full Plate', 'Kitchen Table', 'Open Kitchen'])} ${place}`,
    description: 'A community food project: shared meals, a food pantry and cooking together, with dignity and no judgement.',
    activities: ['food_pantry', 'community_lunch', 'cook_eat', 'volunteering'],
    services: [2, 3],
    foodExtra: ['halal'],
  },
];

/** Language names in English, for the `language.name` field. */
export const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English',
  ur: 'Urdu',
  pa: 'Punjabi',
  bn: 'Bengali',
  ar: 'Arabic',
  pl: 'Polish',
  ro: 'Romanian',
  sk: 'Slovak',
  cs: 'Czech',
  ckb: 'Kurdish (Sorani)',
  kmr: 'Kurdish (Kurmanji)',
  fa: 'Persian (Farsi)',
  prs: 'Dari',
  ps: 'Pashto',
  so: 'Somali',
  ti: 'Tigrinya',
  am: 'Amharic',
  uk: 'Ukrainian',
  gu: 'Gujarati',
  hi: 'Hindi',
};

/** Community languages commonly spoken in each neighbourhood (weights). */
export const AREA_LANGUAGES: Record<string, [string, number][]> = {
  manningham: [
    ['ur', 10],
    ['pa', 7],
    ['bn', 2],
    ['ar', 2],
    ['ps', 1],
    ['sk', 1],
    ['ro', 1],
    ['pl', 1],
  ],
  'bradford-moor': [
    ['ur', 9],
    ['bn', 6],
    ['pa', 5],
    ['ro', 2],
    ['sk', 2],
    ['cs', 1],
    ['pl', 1],
  ],
  'little-horton': [
    ['ur', 8],
    ['pa', 6],
    ['bn', 3],
    ['so', 2],
    ['ar', 2],
    ['pl', 1],
    ['ro', 1],
  ],
  'city-centre': [
    ['ur', 5],
    ['ar', 3],
    ['pa', 3],
    ['pl', 2],
    ['ro', 2],
    ['fa', 1],
    ['ckb', 1],
    ['ti', 1],
  ],
  'great-horton': [
    ['ur', 7],
    ['pa', 7],
    ['gu', 2],
    ['bn', 1],
    ['ar', 1],
  ],
  heaton: [
    ['ur', 6],
    ['pa', 4],
    ['pl', 1],
    ['ar', 1],
  ],
};

/** Things people are glad to know about a building. */
export const ACCESSIBILITY_NOTES = [
  'Step-free entrance and an accessible toilet.',
  'Hearing loop in the main hall.',
  'Ramp at the side door; ring the bell and someone will open it.',
  'Ground floor only. Parking for blue badge holders.',
  'Lift to the first floor. Accessible toilet and baby changing.',
  'Quiet room available if you need a break.',
];

export const TRANSPORT_NOTES = [
  'Several bus routes stop within two minutes’ walk.',
  'A short walk from the Interchange; buses stop outside.',
  'Free parking at the back. Buses stop on the main road.',
  'On-street parking nearby. Ten minutes’ walk from the city centre.',
];
