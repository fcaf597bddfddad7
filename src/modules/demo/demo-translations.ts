/**
 * Translations of some demo texts into Arabic, Bengali and Urdu, so the demo
 * shows a service page in the person's language (and, for everything not
 * listed here, the original English with a note saying there is no
 * translation yet).
 *
 * Keyed by the English text the demo catalogue uses: a demo service gets a
 * translation of its description, what to expect and how to join whenever
 * its description is one of these texts: up to three women-only services
 * and one other service per text (about twenty services in all). They were written by a
 * language model and have not been checked by native speakers, so they are
 * stored as `source: 'machine'`, and pages say a computer translated them.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { ServiceGraph } from '../directory/service-graph.ts';
import { saveTranslations } from '../directory/directory.service.ts';
import type { TranslationInput } from '../directory/translation.ts';

type Tr = { ar: string; bn: string; ur: string };

export const DEMO_TRANSLATIONS: Readonly<Record<string, Tr>> = {
  'A weekly gathering for women with a short talk, tea and time to chat. Women of any background are welcome to come along.': {
    ar: 'لقاء أسبوعي للنساء فيه حديث قصير وشاي ووقت للدردشة. كل النساء مرحَّب بهن، من أي خلفية كنّ.',
    bn: 'নারীদের সাপ্তাহিক আসর: ছোট একটি আলোচনা, চা আর গল্প করার সময়। যেকোনো পটভূমির নারীরা আসতে পারেন।',
    ur: 'خواتین کی ہفتہ وار محفل، جس میں مختصر گفتگو، چائے اور باتیں کرنے کا وقت ہوتا ہے۔ ہر پس منظر کی خواتین کو خوش آمدید۔',
  },
  'Women from the community meet to chat in their own language, share food and support each other. Information sessions on health and schools now and then.':
    {
      ar: 'تلتقي نساء من الجالية للدردشة بلغتهن، ويتشاركن الطعام ويساعد بعضهن بعضًا. وأحيانًا جلسات معلومات عن الصحة والمدارس.',
      bn: 'কমিউনিটির নারীরা নিজেদের ভাষায় গল্প করতে, খাবার ভাগ করে নিতে আর একে অপরের পাশে থাকতে একসাথে হন। মাঝে মাঝে স্বাস্থ্য ও স্কুল নিয়ে তথ্য দেওয়া হয়।',
      ur: 'کمیونٹی کی خواتین اپنی زبان میں باتیں کرنے، کھانا بانٹنے اور ایک دوسرے کا ساتھ دینے کے لیے ملتی ہیں۔ کبھی کبھار صحت اور اسکولوں کے بارے میں معلوماتی نشستیں ہوتی ہیں۔',
    },
  'A private garden space for women to grow food and flowers, chat and rest. Tools and seeds provided.': {
    ar: 'حديقة خاصة بالنساء لزراعة الخضار والزهور، والدردشة والراحة. الأدوات والبذور متوفرة.',
    bn: 'নারীদের জন্য একটি নিজস্ব বাগান: শাকসবজি আর ফুল চাষ, গল্প আর বিশ্রাম। যন্ত্রপাতি ও বীজ দেওয়া হয়।',
    ur: 'خواتین کے لیے ایک نجی باغ، جہاں سبزیاں اور پھول اگائیں، باتیں کریں اور آرام کریں۔ اوزار اور بیج مہیا کیے جاتے ہیں۔',
  },
  'A friendly women-only morning with tea, coffee and home-made snacks. Meet other women from the area, share news and make new friends.': {
    ar: 'صباح ودّي للنساء فقط مع الشاي والقهوة ووجبات خفيفة منزلية. تعرّفي على نساء من المنطقة، وتبادلي الأخبار، وكوّني صداقات جديدة.',
    bn: 'শুধু নারীদের জন্য একটি আন্তরিক সকাল: চা, কফি আর ঘরে বানানো নাশতা। এলাকার অন্য নারীদের সাথে পরিচয়, খবর ভাগাভাগি আর নতুন বন্ধু।',
    ur: 'صرف خواتین کے لیے ایک دوستانہ صبح، چائے، کافی اور گھر کے بنے ناشتے کے ساتھ۔ علاقے کی دوسری خواتین سے ملیں، خبریں بانٹیں اور نئی سہیلیاں بنائیں۔',
  },
  'Gentle exercise for women in a private room with a female instructor. Go at your own pace; many people start with ten minutes and build up.':
    {
      ar: 'تمارين خفيفة للنساء في غرفة خاصة مع مدرّبة. تمرّني على راحتك؛ كثيرات يبدأن بعشر دقائق ثم يزدن تدريجيًا.',
      bn: 'একটি আলাদা ঘরে নারী প্রশিক্ষকের সাথে নারীদের হালকা ব্যায়াম। নিজের গতিতে করুন; অনেকে দশ মিনিট দিয়ে শুরু করে ধীরে ধীরে বাড়ান।',
      ur: 'خواتین کے لیے ایک نجی کمرے میں خاتون انسٹرکٹر کے ساتھ ہلکی ورزش۔ اپنی رفتار سے کریں؛ بہت سی خواتین دس منٹ سے شروع کر کے آہستہ آہستہ بڑھاتی ہیں۔',
    },
  'Meet others who have lost someone close. Talk, listen, or just have a quiet cup of tea with people who understand.': {
    ar: 'التقِ بأشخاص فقدوا شخصًا عزيزًا. تحدّث أو استمع، أو اشرب كوبًا من الشاي بهدوء مع أناس يفهمونك.',
    bn: 'যাঁরা কাছের কাউকে হারিয়েছেন, তাঁদের সাথে দেখা করুন। কথা বলুন, শুনুন, অথবা যাঁরা বোঝেন তাঁদের সাথে চুপচাপ এক কাপ চা খান।',
    ur: 'ان لوگوں سے ملیں جنہوں نے کسی قریبی کو کھویا ہے۔ بات کریں، سنیں، یا سمجھنے والے لوگوں کے ساتھ خاموشی سے ایک کپ چائے پی لیں۔',
  },
  'A gentle one-hour walk on flat paths, at the pace of the slowest walker, followed by a hot drink. A walk leader goes at the front and another at the back.':
    {
      ar: 'نزهة مشي هادئة لمدة ساعة على طرق مستوية، بسرعة أبطأ المشاة، ثم مشروب ساخن. يسير مرشد في المقدمة وآخر في الخلف.',
      bn: 'সমতল পথে এক ঘণ্টার ধীর হাঁটা, সবচেয়ে ধীর জনের গতিতে, তারপর একটা গরম পানীয়। একজন দলনেতা সামনে আর একজন পেছনে থাকেন।',
      ur: 'ہموار راستوں پر ایک گھنٹے کی آرام دہ سیر، سب سے آہستہ چلنے والے کی رفتار سے، پھر ایک گرم مشروب۔ ایک رہنما آگے اور ایک پیچھے چلتا ہے۔',
    },
  'Children learn to read and write the language of their families, with songs, stories and games. Parents chat over tea while they wait.':
    {
      ar: 'يتعلّم الأطفال قراءة لغة عائلاتهم وكتابتها، بالأغاني والقصص والألعاب. ويتحدّث الأهل مع كوب شاي أثناء الانتظار.',
      bn: 'গান, গল্প আর খেলার মাধ্যমে শিশুরা পরিবারের ভাষা পড়তে ও লিখতে শেখে। অপেক্ষার সময় মা-বাবারা চা খেতে খেতে গল্প করেন।',
      ur: 'بچے گانوں، کہانیوں اور کھیلوں کے ذریعے اپنے خاندان کی زبان پڑھنا اور لکھنا سیکھتے ہیں۔ والدین انتظار کے دوران چائے پر گپ شپ کرتے ہیں۔',
    },
  'Pool, games, music, sport and snacks, with youth workers to talk to. A safe place to hang out with friends and meet new ones.': {
    ar: 'بلياردو وألعاب وموسيقى ورياضة ووجبات خفيفة، مع عاملين مع الشباب يمكنك التحدث معهم. مكان آمن لقضاء الوقت مع الأصدقاء والتعرّف على أصدقاء جدد.',
    bn: 'পুল, খেলা, গান, খেলাধুলা আর নাশতা, সাথে কথা বলার জন্য যুবকর্মীরা। বন্ধুদের সাথে সময় কাটানো আর নতুন বন্ধু পাওয়ার একটি নিরাপদ জায়গা।',
    ur: 'پول، کھیل، موسیقی، اسپورٹس اور ناشتہ، اور بات کرنے کے لیے یوتھ ورکرز۔ دوستوں کے ساتھ وقت گزارنے اور نئے دوست بنانے کی ایک محفوظ جگہ۔',
  },
  'A warm, comfortable room with hot drinks, soup and newspapers. Stay as long as you like, chat with others or just sit and read. Phone charging points and free wifi.':
    {
      ar: 'غرفة دافئة ومريحة فيها مشروبات ساخنة وحساء وصحف. ابقَ قدر ما تشاء، تحدّث مع الآخرين أو اجلس واقرأ فقط. يوجد مكان لشحن الهاتف وإنترنت لاسلكي مجاني.',
      bn: 'গরম পানীয়, স্যুপ আর খবরের কাগজসহ একটি উষ্ণ, আরামদায়ক ঘর। যতক্ষণ খুশি থাকুন, অন্যদের সাথে গল্প করুন বা শুধু বসে পড়ুন। ফোন চার্জ করার ব্যবস্থা আর বিনামূল্যে ওয়াইফাই আছে।',
      ur: 'گرم مشروبات، سوپ اور اخبارات کے ساتھ ایک گرم اور آرام دہ کمرہ۔ جتنی دیر چاہیں رکیں، دوسروں سے باتیں کریں یا بس بیٹھ کر پڑھیں۔ فون چارج کرنے کی جگہ اور مفت وائی فائی۔',
    },
  'Music from the past, a dance if you like or just listen, and tea and cake. Carers and family are very welcome.': {
    ar: 'موسيقى من الماضي، ورقصة إن أحببت أو استماع فقط، مع الشاي والكعك. مقدّمو الرعاية والعائلة مرحَّب بهم جدًا.',
    bn: 'পুরোনো দিনের গান, ইচ্ছে হলে একটু নাচ বা শুধু শোনা, সাথে চা আর কেক। দেখাশোনাকারী ও পরিবারের সদস্যদের সাদর আমন্ত্রণ।',
    ur: 'پرانے زمانے کی موسیقی، دل چاہے تو رقص ورنہ بس سنیں، اور چائے اور کیک۔ دیکھ بھال کرنے والوں اور گھر والوں کو خاص طور پر خوش آمدید۔',
  },
  'A two-course hot lunch, a quiz or bingo, and good company. We can help with transport if getting here is hard.': {
    ar: 'غداء ساخن من طبقين، ومسابقة أو بينغو، وصحبة طيبة. يمكننا المساعدة في المواصلات إذا كان الوصول صعبًا عليك.',
    bn: 'দুই পদের গরম দুপুরের খাবার, কুইজ বা বিঙ্গো, আর ভালো সঙ্গ। এখানে আসা কঠিন হলে আমরা যাতায়াতে সাহায্য করতে পারি।',
    ur: 'دو کھانوں پر مشتمل گرم دوپہر کا کھانا، کوئز یا بنگو، اور اچھی صحبت۔ یہاں آنا مشکل ہو تو ہم آنے جانے میں مدد کر سکتے ہیں۔',
  },
  'A warm welcome for people seeking asylum, refugees and anyone new to Bradford. Hot food, clothes to take, English practice and friendly advice about where to find help.':
    {
      ar: 'ترحيب حار بطالبي اللجوء واللاجئين وكل من وصل حديثًا إلى برادفورد. طعام ساخن، وملابس يمكنك أخذها، وممارسة الإنجليزية، ونصائح ودّية عن أماكن الحصول على المساعدة.',
      bn: 'আশ্রয়প্রার্থী, শরণার্থী আর ব্র্যাডফোর্ডে নতুন আসা সবার জন্য আন্তরিক স্বাগত। গরম খাবার, নিয়ে যাওয়ার মতো কাপড়, ইংরেজি চর্চা আর কোথায় সাহায্য পাবেন সে বিষয়ে বন্ধুত্বপূর্ণ পরামর্শ।',
      ur: 'پناہ کے متلاشی افراد، پناہ گزینوں اور بریڈفورڈ میں نئے آنے والے ہر شخص کا گرم جوشی سے استقبال۔ گرم کھانا، ساتھ لے جانے کے لیے کپڑے، انگریزی کی مشق، اور مدد کہاں ملے گی اس بارے میں دوستانہ مشورہ۔',
    },
  // What to expect
  'Ask for the group lead when you arrive and they will introduce you to a couple of people. There is no need to book.': {
    ar: 'عندما تصل، اسأل عن مسؤول المجموعة وسيعرّفك على بعض الحاضرين. لا حاجة للحجز.',
    bn: 'পৌঁছে দলনেতার খোঁজ করুন, তিনি আপনাকে কয়েকজনের সাথে পরিচয় করিয়ে দেবেন। আগে থেকে বুক করার দরকার নেই।',
    ur: 'پہنچ کر گروپ کے منتظم کا پوچھیں، وہ آپ کا چند لوگوں سے تعارف کروا دیں گے۔ پہلے سے بکنگ کی ضرورت نہیں۔',
  },
  "Someone will meet you at the door. There is tea and biscuits. You do not have to talk if you don't want to.": {
    ar: 'سيستقبلك أحدهم عند الباب. يوجد شاي وبسكويت. لا يجب أن تتكلم إن لم ترغب في ذلك.',
    bn: 'দরজায় কেউ আপনাকে স্বাগত জানাবেন। চা আর বিস্কুট থাকে। ইচ্ছে না হলে কথা বলতে হবে না।',
    ur: 'دروازے پر کوئی آپ کا استقبال کرے گا۔ چائے اور بسکٹ ہوتے ہیں۔ اگر آپ نہ چاہیں تو بات کرنا ضروری نہیں۔',
  },
  'A volunteer will say hello and show you where to sit. Come for ten minutes or stay all session; both are fine.': {
    ar: 'سيرحّب بك متطوع ويريك أين تجلس. تعالَ لعشر دقائق أو ابقَ طوال الجلسة؛ كلاهما لا بأس به.',
    bn: 'একজন স্বেচ্ছাসেবক আপনাকে স্বাগত জানিয়ে বসার জায়গা দেখিয়ে দেবেন। দশ মিনিটের জন্য আসুন বা পুরো সময় থাকুন; দুটোই ঠিক আছে।',
    ur: 'ایک رضاکار آپ کو خوش آمدید کہے گا اور بیٹھنے کی جگہ دکھائے گا۔ دس منٹ کے لیے آئیں یا پورا وقت رکیں، دونوں ٹھیک ہیں۔',
  },
  'It is a small, friendly group. Most people came on their own the first time. Tea and coffee are free.': {
    ar: 'إنها مجموعة صغيرة وودودة. معظم الناس جاؤوا وحدهم في المرة الأولى. الشاي والقهوة مجانًا.',
    bn: 'এটি একটি ছোট, আন্তরিক দল। বেশিরভাগ মানুষ প্রথমবার একাই এসেছিলেন। চা আর কফি বিনামূল্যে।',
    ur: 'یہ ایک چھوٹا اور دوستانہ گروپ ہے۔ زیادہ تر لوگ پہلی بار اکیلے ہی آئے تھے۔ چائے اور کافی مفت ہے۔',
  },
  'A volunteer greets you and explains what is on. Nobody will ask for your papers. Interpreters for some languages are there most weeks.':
    {
      ar: 'يستقبلك متطوع ويشرح لك ما يجري. لن يطلب منك أحد أوراقك. يحضر مترجمون لبعض اللغات في معظم الأسابيع.',
      bn: 'একজন স্বেচ্ছাসেবক আপনাকে স্বাগত জানিয়ে কী হচ্ছে তা বুঝিয়ে দেবেন। কেউ আপনার কাগজপত্র চাইবে না। বেশিরভাগ সপ্তাহে কিছু ভাষার দোভাষী থাকেন।',
      ur: 'ایک رضاکار آپ کا استقبال کرتا ہے اور بتاتا ہے کہ کیا ہو رہا ہے۔ کوئی آپ کے کاغذات نہیں مانگے گا۔ زیادہ تر ہفتوں میں کچھ زبانوں کے ترجمان موجود ہوتے ہیں۔',
    },
  // How to join
  'Just turn up. You do not need to book or fill in a form.': {
    ar: 'تعالَ فقط. لا تحتاج إلى حجز أو ملء أي استمارة.',
    bn: 'শুধু চলে আসুন। বুক করতে বা কোনো ফর্ম পূরণ করতে হবে না।',
    ur: 'بس آ جائیں۔ بکنگ یا کوئی فارم بھرنے کی ضرورت نہیں۔',
  },
};

const LOCALES = ['ar', 'bn', 'ur'] as const;
/** Services translated per text (besides women-only ones), so most of the demo stays untranslated, as real data would. */
const MAX_PER_DESCRIPTION = 1;
const MAX_WOMEN_ONLY_PER_DESCRIPTION = 3;

/**
 * The translation rows for the demo services whose description is
 * translated here: their description, and their what-to-expect and
 * how-to-join texts where those are translated too.
 */
export function demoTranslationRows(graphs: readonly ServiceGraph[]): TranslationInput[] {
  const rows: TranslationInput[] = [];
  const perDescription = new Map<string, number>();
  // Women-only groups first (the demo's women-only + free + Bengali search lands on them), then the rest.
  const ordered = [...graphs].sort((a, b) => Number(b.belong.gender === 'women_only') - Number(a.belong.gender === 'women_only'));
  for (const g of ordered) {
    if (!DEMO_TRANSLATIONS[g.service.description]) continue;
    const seen = perDescription.get(g.service.description) ?? 0;
    if (seen >= (g.belong.gender === 'women_only' ? MAX_WOMEN_ONLY_PER_DESCRIPTION : MAX_PER_DESCRIPTION)) continue;
    perDescription.set(g.service.description, seen + 1);
    const fields: [string, string | null | undefined][] = [
      ['description', g.service.description],
      ['what_to_expect', g.belong.what_to_expect],
      ['how_to_join', g.belong.how_to_join],
    ];
    for (const [field, text] of fields) {
      const tr = text ? DEMO_TRANSLATIONS[text] : undefined;
      if (!tr) continue;
      for (const locale of LOCALES)
        rows.push({ entity: 'service', entityId: g.service.id, field, locale, text: tr[locale], source: 'machine' });
    }
  }
  return rows;
}

/** Stores the demo translations (idempotent: a second run replaces the same rows). */
export async function seedDemoTranslations(db: Kysely<DB>, graphs: readonly ServiceGraph[]): Promise<number> {
  const rows = demoTranslationRows(graphs);
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 200) await saveTranslations(trx, rows.slice(i, i + 200));
  });
  return rows.length;
}
