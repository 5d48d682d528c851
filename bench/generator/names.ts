/**
 * Name pools for the bench data, by language group, most common first (picked Zipf-like).
 * Mixed on purpose: accented and plain Latin, letters NFD does not decompose (Ø, ß, Ł, Đ),
 * apostrophes and hyphens, Vietnamese stacked diacritics, romanised Asian names.
 */
export interface NameGroup {
  language: string;
  /** Share of patrons from this group (weights, not percentages). */
  weight: number;
  first: readonly string[];
  last: readonly string[];
  /** Country calling code used for some of the group's phone numbers ('' = local UK numbers only). */
  callingCode: string;
}

export const NAME_GROUPS: readonly NameGroup[] = [
  {
    language: 'English', weight: 30, callingCode: '',
    first: ['James', 'Mary', 'John', 'Sarah', 'David', 'Emma', 'Michael', 'Olivia', 'Robert', 'Jessica', 'William', 'Emily',
      'Thomas', 'Charlotte', 'Daniel', 'Sophie', 'Matthew', 'Hannah', 'Joseph', 'Lucy', 'Christopher', 'Grace', 'Andrew',
      'Amelia', 'Joshua', 'Chloe', 'Jonathan', 'Ellie', 'Benjamin', 'Mary Ann', 'Joanne', 'Jo', 'Josh', 'Jordan', 'Jodie'],
    last: ['Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson', 'Roberts',
      'Robinson', 'Thompson', 'Wright', 'Walker', 'White', 'Edwards', 'Hughes', 'Green', 'Hall', 'Lewis', 'Harris',
      'Clarke', 'Patel', 'Jackson', 'Wood', 'Turner', 'Martin', 'Cooper', 'Hill', 'Ward', 'Morris', 'Moore', 'Clark',
      'Smith-Jones', 'Smithers', 'Smythe', 'Jonas', 'Johnstone', 'Ashworth-Hughes'],
  },
  {
    language: 'Irish', weight: 4, callingCode: '353',
    first: ['Siobhán', 'Seán', 'Aoife', 'Niamh', 'Ciarán', 'Saoirse', 'Pádraig', 'Órla', 'Eoin', 'Caoimhe', 'Dónal', 'Róisín'],
    last: ["O'Brien", "O'Connor", "O'Sullivan", 'Murphy', 'Kelly', "O'Neill", 'Walsh', 'McCarthy', "Ó Briain", 'Byrne',
      "O'Reilly", 'Ní Bhriain', 'MacGowan', "D'Arcy"],
  },
  {
    language: 'Spanish', weight: 12, callingCode: '34',
    first: ['José', 'María', 'Juan', 'Lucía', 'Javier', 'Sofía', 'Jesús', 'Martina', 'Andrés', 'Inés', 'Íñigo', 'Begoña',
      'José Luis', 'María José', 'Ramón', 'Nuria', 'Álvaro', 'Raúl', 'Adrián', 'Ángela', 'Joaquín', 'Óscar'],
    last: ['García', 'Rodríguez', 'González', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Núñez',
      'Muñoz', 'Jiménez', 'Álvarez', 'Díaz', 'Hernández', 'Ibáñez', 'Peña', 'Castaño', 'García López', 'Ortiz de Zárate'],
  },
  {
    language: 'Portuguese', weight: 5, callingCode: '351',
    first: ['João', 'Ana', 'Tomás', 'Beatriz', 'Gonçalo', 'Inês', 'Conceição', 'Sebastião', 'Leonor', 'Estêvão'],
    last: ['Silva', 'Santos', 'Ferreira', 'Pereira', 'Gonçalves', 'Simões', 'Magalhães', 'Assunção', 'Conceição', 'Araújo'],
  },
  {
    language: 'German', weight: 8, callingCode: '49',
    first: ['Jürgen', 'Jörg', 'Günter', 'Anna', 'Lukas', 'Sören', 'Bärbel', 'Jonas', 'Lea', 'Maximilian', 'Käthe', 'Uwe'],
    last: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weiß', 'Meyer', 'Schäfer', 'Groß', 'Köhler', 'Mueller', 'Möller',
      'Schröder', 'Hoffmann', 'Strauß', 'Jäger', 'Böhm', 'Müller-Lüdenscheidt', 'Krüger'],
  },
  {
    language: 'French', weight: 7, callingCode: '33',
    first: ['Élodie', 'François', 'Hélène', 'Jérôme', 'Chloé', 'Noël', 'Anaïs', 'Loïc', 'Cécile', 'Benoît', 'Zoé', 'Maëlle'],
    last: ['Martin', 'Bernard', 'Dubois', 'Lefèvre', 'Moreau', 'Laurent', 'Girard', 'Béranger', 'Leroy', 'Gauthier',
      "D'Aubigné", 'Lemaître', 'Bœuf', 'Crépin'],
  },
  {
    language: 'Italian', weight: 5, callingCode: '39',
    first: ['Giuseppe', 'Giulia', 'Niccolò', 'Francesca', 'Lorenzo', 'Chiara', 'Nicolò', 'Alessandra', 'Giovanni', 'Martina'],
    last: ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'De Luca', "D'Angelo", 'Fabbrì'],
  },
  {
    language: 'Nordic', weight: 5, callingCode: '47',
    first: ['Søren', 'Bjørn', 'Åsa', 'Ørjan', 'Sigríður', 'Þór', 'Ærøe', 'Kristín', 'Mikael', 'Ingrid', 'Jónas', 'Björk'],
    last: ['Øberg', 'Hansen', 'Johansen', 'Ødegård', 'Jensen', 'Nielsen', 'Ångström', 'Lindqvist', 'Sæther', 'Þórsdóttir',
      'Guðmundsson', 'Bjørnstad', 'Ørsted', 'Kjær'],
  },
  {
    language: 'Polish', weight: 5, callingCode: '48',
    first: ['Łukasz', 'Małgorzata', 'Wojciech', 'Zofia', 'Michał', 'Agnieszka', 'Paweł', 'Katarzyna', 'Jędrzej', 'Bożena'],
    last: ['Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kamiński', 'Lewandowski', 'Zieliński', 'Wałęsa', 'Dąbrowska',
      'Król', 'Łukasiewicz', 'Szczęsny'],
  },
  {
    language: 'Turkish', weight: 3, callingCode: '90',
    first: ['Işıl', 'Çağrı', 'Gökhan', 'Şule', 'İbrahim', 'Özge', 'Ümit', 'Ayşe', 'Mehmet', 'Buğra'],
    last: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Öztürk', 'Aydın', 'Yıldız', 'Doğan', 'Güneş'],
  },
  {
    language: 'Vietnamese', weight: 5, callingCode: '84',
    first: ['Nguyễn Văn', 'Thị', 'Minh', 'Hương', 'Tuấn', 'Phương', 'Đức', 'Thảo', 'Quỳnh', 'Hải', 'Linh', 'Dũng'],
    last: ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô', 'Dương'],
  },
  {
    language: 'Arabic', weight: 4, callingCode: '20',
    first: ['Mohammed', 'Fatima', 'Ahmed', 'Aisha', 'Omar', 'Layla', 'Youssef', 'Mariam', 'Khaled', 'Nour'],
    last: ['Al-Sayed', 'Haddad', 'El-Amin', 'Khoury', 'Nasser', 'Abdullah', 'Mansour', 'Saleh', 'Al-Farsi', 'Bakr'],
  },
  {
    language: 'South Asian', weight: 5, callingCode: '91',
    first: ['Priya', 'Arjun', 'Ananya', 'Rahul', 'Deepika', 'Vikram', 'Sanjay', 'Aarav', 'Kavya', 'Nikhil'],
    last: ['Patel', 'Sharma', 'Singh', 'Kumar', 'Gupta', 'Reddy', 'Iyer', 'Chaudhary', 'Banerjee', 'Nair'],
  },
  {
    language: 'East Asian', weight: 5, callingCode: '86',
    first: ['Wei', 'Xiaoming', 'Yūko', 'Haruto', 'Min-jun', 'Ji-woo', 'Jun', 'Mei', 'Sōta', 'Seo-yeon', 'Li Na', 'Kenji'],
    last: ['Wang', 'Li', 'Zhang', 'Chen', 'Liu', 'Kim', 'Lee', 'Park', 'Satō', 'Suzuki', 'Takahashi', 'Nakamura', 'Lü'],
  },
  {
    language: 'Other European', weight: 3, callingCode: '420',
    first: ['Jiří', 'Tereza', 'Đorđe', 'Žofie', 'Ştefan', 'Ioana', 'Mihály', 'Zsófia', 'Dušan', 'Věra'],
    last: ['Novák', 'Dvořák', 'Horváth', 'Đoković', 'Popescu', 'Ionescu', 'Nagy', 'Szabó', 'Kovač', 'Čapek'],
  },
];

export const TITLES = ['Dr', 'Prof.', 'Mx', 'Ms', 'Mr', 'Mrs', 'Rev.'] as const;
export const STAFF = ['Ada', 'Bashir', 'Chidi', 'Dagný', 'Emeka', 'Fumiko', 'Gareth', 'Hélène'] as const;
export const STREETS = ['High Street', 'Station Road', 'Church Lane', 'Mill Road', 'Victoria Street', 'Park Avenue',
  'Queen’s Road', 'Bridge Street', 'Rue de la Paix', 'Calle Mayor'] as const;
export const TOWNS = ['Leeds', 'Bradford', 'York', 'Harrogate', 'Wakefield', 'Halifax', 'Huddersfield'] as const;
export const INTERESTS = ['local history', 'crime fiction', 'knitting group', 'ESOL', 'job club', 'family history',
  'large print', 'audiobooks', 'chess club', 'digital skills', 'rhyme time', 'poetry'] as const;
export const HOW_WE_MET = ['Came in for the job club', 'Referred by the council', 'Rhyme time with grandchildren',
  'Asked about family history records', 'Home library service', ''] as const;
export const EMAIL_DOMAINS = ['example.org', 'mail.example.com', 'example.net', 'post.example.co.uk', 'example.de'] as const;
